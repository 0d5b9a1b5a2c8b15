package org.prooftrail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Logistic regression small enough for the federated demo: synthetic tabular data drawn per hospital from a seed,
 * local training by full-batch gradient descent, and federated averaging weighted by sample count (FedAvg). Weights
 * are {@code FEATURES} coefficients followed by the bias. Plain Java: the demo needs no ML library.
 */
final class LogisticModel {
    static final int FEATURES = 6;
    /** The relation every hospital's data follows (its patients differ, not the medicine). */
    private static final double[] TRUE_WEIGHTS = {1.6, -1.2, 0.8, 0.0, 2.0, -0.7, -0.3};

    private LogisticModel() {}

    /** One labelled sample. */
    record Sample(double[] features, int label) {}

    /**
     * {@code count} samples of a hospital whose patients are shifted by {@code shift} on every feature (so the
     * hospitals' data differ, as real ones do), labels drawn from the shared relation, reproducible from {@code seed}.
     */
    static List<Sample> synthetic(long seed, int count, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(sample(random, shift));
        }
        return samples;
    }

    private static Sample sample(SplittableRandom random, double shift) {
        double[] x = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            x[j] = gaussian(random) + shift * (j % 2 == 0 ? 1 : -1);
        }
        double p = sigmoid(dot(TRUE_WEIGHTS, x));
        return new Sample(x, random.nextDouble() < p ? 1 : 0);
    }

    static double[] zero() {
        return new double[FEATURES + 1];
    }

    /** {@code epochs} steps of full-batch gradient descent on the log loss, from {@code start}. */
    static double[] train(double[] start, List<Sample> data, int epochs, double learningRate) {
        double[] w = start.clone();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] gradient = gradient(w, data);
            for (int j = 0; j < w.length; j++) {
                w[j] -= learningRate * gradient[j] / data.size();
            }
        }
        return w;
    }

    /** The gradient of the summed log loss at {@code w}. */
    private static double[] gradient(double[] w, List<Sample> data) {
        double[] gradient = new double[w.length];
        for (Sample s : data) {
            double error = sigmoid(dot(w, s.features())) - s.label();
            for (int j = 0; j < FEATURES; j++) {
                gradient[j] += error * s.features()[j];
            }
            gradient[FEATURES] += error;
        }
        return gradient;
    }

    /** FedAvg: the members' weights averaged, each weighted by its sample count. */
    static double[] average(List<double[]> weights, List<Long> samples) {
        double[] average = new double[FEATURES + 1];
        long total = samples.stream().mapToLong(Long::longValue).sum();
        for (int m = 0; m < weights.size(); m++) {
            double share = (double) samples.get(m) / total;
            for (int j = 0; j < average.length; j++) {
                average[j] += share * weights.get(m)[j];
            }
        }
        return average;
    }

    static double accuracy(double[] w, List<Sample> data) {
        int right = 0;
        for (Sample s : data) {
            if ((sigmoid(dot(w, s.features())) >= 0.5 ? 1 : 0) == s.label()) {
                right++;
            }
        }
        return (double) right / data.size();
    }

    /** Weights as the text of a model file, one per line, in a fixed locale: the bytes that are fingerprinted. */
    static String text(double... w) {
        StringBuilder text = new StringBuilder();
        for (double v : w) {
            text.append(String.format(Locale.ROOT, "%.17g%n", v));
        }
        return text.toString();
    }

    /** Samples as CSV, the bytes of a hospital's dataset file. */
    static String csv(List<Sample> data) {
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < FEATURES; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("label\n");
        for (Sample s : data) {
            for (double v : s.features()) {
                csv.append(String.format(Locale.ROOT, "%.6f", v)).append(',');
            }
            csv.append(s.label()).append('\n');
        }
        return csv.toString();
    }

    private static double dot(double[] w, double... x) {
        double z = w[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            z += w[j] * x[j];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** A standard normal draw (Box-Muller). */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
