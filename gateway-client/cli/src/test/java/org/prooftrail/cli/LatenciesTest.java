package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentiles_of_1_to_100_are_their_own_rank() {
        Latencies latencies = Latencies.of(LongStream.rangeClosed(1, 100).toArray());

        assertThat(latencies.percentile(50)).hasValue(50);
        assertThat(latencies.percentile(95)).hasValue(95);
        assertThat(latencies.percentile(99)).hasValue(99);
        assertThat(latencies.percentile(100)).hasValue(100);
        assertThat(latencies.max()).hasValue(100);
    }

    @Test
    void values_are_sorted_first_and_the_input_is_left_alone() {
        long[] nanos = {30, 10, 50, 20, 40};

        Latencies latencies = Latencies.of(nanos);

        assertThat(latencies.percentile(50)).hasValue(30);
        assertThat(latencies.percentile(20)).hasValue(10);
        assertThat(latencies.percentile(21)).hasValue(20);
        assertThat(nanos).containsExactly(30, 10, 50, 20, 40);
    }

    @Test
    void a_high_percentile_of_few_values_is_the_largest_measured_value_not_an_interpolation() {
        Latencies latencies = Latencies.of(new long[] {5, 1, 9, 3, 7, 2, 8, 4, 6, 1000});

        assertThat(latencies.percentile(95)).hasValue(1000);
        assertThat(latencies.percentile(99)).hasValue(1000);
        assertThat(latencies.percentile(90)).hasValue(9);
        assertThat(latencies.percentile(50)).hasValue(5);
    }

    @Test
    void a_single_value_is_every_percentile() {
        Latencies latencies = Latencies.of(new long[] {42});

        assertThat(latencies.percentile(0.001)).hasValue(42);
        assertThat(latencies.percentile(50)).hasValue(42);
        assertThat(latencies.percentile(99)).hasValue(42);
        assertThat(latencies.max()).hasValue(42);
    }

    @Test
    void nothing_measured_has_no_percentiles() {
        Latencies latencies = Latencies.of(new long[0]);

        assertThat(latencies.count()).isZero();
        assertThat(latencies.percentile(50)).isEmpty();
        assertThat(latencies.max()).isEmpty();
    }

    @Test
    void percentiles_outside_0_to_100_are_refused() {
        Latencies latencies = Latencies.of(new long[] {1});

        assertThatThrownBy(() -> latencies.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> latencies.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> latencies.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
