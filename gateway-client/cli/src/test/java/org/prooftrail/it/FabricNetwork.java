package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.prooftrail.client.config.GatewayConfig;

/**
 * The prooftrail network of {@code network/network.sh}, for {@code *IT} tests: finds the Fabric binaries, brings the
 * network up and deploys the chaincode once per JVM (reusing a network this worktree already runs), and runs the
 * script's other commands. A network it started is stopped when the JVM exits ({@code PROOFTRAIL_IT_KEEP_NETWORK=1}
 * keeps it); one that was already running is left running.
 */
final class FabricNetwork {
    static final String NO_BINARIES =
            "no Fabric binaries: set FABRIC_BIN or put peer/orderer on PATH — see network/README.md";
    static final List<String> ORGS = List.of("hospital-a", "hospital-b", "research");

    private static final Logger LOG = Logger.getLogger(FabricNetwork.class.getName());
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    private static FabricNetwork shared;
    private static boolean deployed;
    private static boolean skipReported;

    private final Path repository;
    private final Path fabricBin;
    private final Path work;

    private FabricNetwork(Path repository, Path fabricBin) throws IOException {
        this.repository = repository;
        this.fabricBin = fabricBin;
        this.work = Files.createDirectories(repository.resolve("gateway-client/cli/target/it"));
    }

    /** The folder of {@code peer} and {@code orderer}: {@code $FABRIC_BIN}, else the first on {@code PATH}. */
    static Optional<Path> fabricBin() {
        List<String> folders = new ArrayList<>();
        String configured = System.getenv("FABRIC_BIN");
        if (configured != null && !configured.isBlank()) {
            folders.add(configured);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(File.pathSeparator)));
        }
        return folders.stream()
                .filter(folder -> !folder.isBlank())
                .map(Path::of)
                .filter(folder ->
                        Files.isExecutable(folder.resolve("peer")) && Files.isExecutable(folder.resolve("orderer")))
                .findFirst();
    }

    /**
     * Whether Fabric binaries are present; when not, says once on standard error that the tests are skipped, since
     * a skipped test class shows no message of its own in Maven's output.
     */
    static synchronized boolean available() {
        boolean found = fabricBin().isPresent();
        if (!found && !skipReported) {
            skipReported = true;
            System.err.println("[prooftrail IT] SKIPPED: " + NO_BINARIES);
        }
        return found;
    }

    /** The network, up and deployed. Call only after checking {@link #fabricBin()}. */
    static synchronized FabricNetwork shared() throws IOException, InterruptedException {
        FabricNetwork network = running();
        if (!deployed) {
            network.script("deploy");
            deployed = true;
        }
        return network;
    }

    /**
     * The network, up, with whatever chaincode it runs (none on a fresh one): for a test that deploys a build of its
     * own first ({@code UpgradeFromPreviousReleaseIT}). Call only after checking {@link #fabricBin()}.
     */
    static synchronized FabricNetwork running() throws IOException, InterruptedException {
        if (shared == null) {
            Path repository =
                    Path.of(System.getProperty("prooftrail.repo", "../..")).toRealPath();
            FabricNetwork network = new FabricNetwork(repository, fabricBin().orElseThrow());
            boolean alreadyRunning = network.portOpen(7051);
            network.script("up");
            if (!alreadyRunning && System.getenv("PROOFTRAIL_IT_KEEP_NETWORK") == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(network::downQuietly, "prooftrail-network-down"));
            }
            shared = network;
        }
        return shared;
    }

    /** Runs {@code COMMAND...} in {@code directory} (git, a build); returns its exit code and output. */
    Result command(Path directory, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Path log = Files.createTempFile(work, "process", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new Running(command, builder.start(), log).await();
    }

    Path repository() {
        return repository;
    }

    /** A fresh folder under {@code gateway-client/cli/target/it}. */
    Path folder(String name) throws IOException {
        return Files.createTempDirectory(work, name);
    }

    /** Runs {@code network/network.sh ARGS...}; fails the test with its output if it fails. */
    String script(String... arguments) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Result result = run(scriptCommand(List.of(arguments)), Map.of());
        report(List.of(arguments), started);
        if (result.exitCode() != 0) {
            throw new AssertionError("network/network.sh " + String.join(" ", arguments) + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    /** The gateway-client config of USER of ORG, written by {@code client-config}. */
    Path clientConfig(String org, String user) throws IOException, InterruptedException {
        Path file = work.resolve("config/" + org + "-" + user + ".json");
        script("client-config", org, user, "--out", file.toString());
        return file;
    }

    /**
     * The Fabric common connection profile of ORG in the test network's shape, written by {@code client-config ORG
     * USER --format ccp}; it names no user, so pair it with {@link #userCertificate} and {@link #userKey}.
     */
    Path connectionProfile(String org, String user) throws IOException, InterruptedException {
        Path file = work.resolve("config/" + org + "-" + user + ".ccp.json");
        script("client-config", org, user, "--format", "ccp", "--out", file.toString());
        return file;
    }

    /** USER's certificate in its MSP folder ({@code signcerts/}, one file). */
    Path userCertificate(String org, String user) throws IOException {
        try (Stream<Path> files = Files.list(userMsp(org, user).resolve("signcerts"))) {
            return files.filter(file -> file.toString().endsWith(".pem"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no certificate in " + userMsp(org, user)));
        }
    }

    /** USER's private key in its MSP folder: cryptogen's {@code keystore/priv_sk}, or {@code keystore/key.pem}. */
    Path userKey(String org, String user) {
        Path keystore = userMsp(org, user).resolve("keystore");
        return Stream.of("priv_sk", "key.pem")
                .map(keystore::resolve)
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no private key in " + keystore));
    }

    GatewayConfig gatewayConfig(String org, String user) throws IOException, InterruptedException {
        return GatewayConfig.fromFile(clientConfig(org, user));
    }

    /** Issues USER of ORG with these roles ({@code network.sh user}). */
    void issueUser(String org, String user, String roles) throws IOException, InterruptedException {
        script("user", org, user, roles);
    }

    /** What {@code network.sh env ORG} exports: the peer CLI as ORG's admin. */
    Map<String, String> peerEnvironment(String org) throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : script("env", org).split("\n")) {
            if (line.startsWith("export ")) {
                int equals = line.indexOf('=');
                environment.put(line.substring("export ".length(), equals), unquote(line.substring(equals + 1)));
            }
        }
        return environment;
    }

    /** Runs the {@code peer} CLI with ORG's {@code env} variables. */
    Result peer(String org, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(fabricBin.resolve("peer").toString());
        command.addAll(List.of(arguments));
        return run(command, peerEnvironment(org));
    }

    /**
     * Runs the {@code peer} CLI with ORG's {@code env} variables changed by {@code overrides} (another peer's
     * address, another user's MSP folder).
     */
    Result peer(String org, Map<String, String> overrides, String... arguments)
            throws IOException, InterruptedException {
        Map<String, String> environment = peerEnvironment(org);
        environment.putAll(overrides);
        List<String> command = new ArrayList<>();
        command.add(fabricBin.resolve("peer").toString());
        command.addAll(List.of(arguments));
        return run(command, environment);
    }

    /** Runs a bash script with ORG's {@code env} variables and the Fabric binaries on PATH; ARGUMENTS are $1... */
    Result bash(String org, String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(List.of(arguments));
        return run(command, peerEnvironment(org));
    }

    /** The MSP folder of USER of ORG (as {@code network.sh user} writes it), for {@code CORE_PEER_MSPCONFIGPATH}. */
    Path userMsp(String org, String user) {
        String domain = org + ".prooftrail.example";
        return repository.resolve(
                "network/.state/crypto/peerOrganizations/" + domain + "/users/" + user + "@" + domain + "/msp");
    }

    /** The address of ORG's peer ({@code network/README.md}, "Topology and ports"). */
    static String peerAddress(String org) {
        return "127.0.0.1:"
                + Map.of("hospital-a", 7051, "hospital-b", 8051, "research", 9051)
                        .get(org);
    }

    /** The peer's TLS CA certificate, for {@code --tlsRootCertFiles}. */
    Path peerTlsCa(String org) {
        String domain = org + ".prooftrail.example";
        return repository.resolve(
                "network/.state/crypto/peerOrganizations/" + domain + "/peers/peer0." + domain + "/tls/ca.crt");
    }

    /** The chaincode jar {@code deploy} builds and runs. */
    Path chaincodeJar() {
        return Stream.of("prooftrail-chaincode-server.jar", "prooftrail-chaincode.jar")
                .map(name -> repository.resolve("chaincode/contracts/target/" + name))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chaincode jar in chaincode/contracts/target"));
    }

    /** The peers of these organisations now talk to chaincode servers running JAR (restarted in parallel). */
    void runChaincode(Path jar, String... orgs) throws IOException, InterruptedException {
        List<List<String>> restarts = new ArrayList<>();
        for (String org : orgs) {
            restarts.add(List.of("restart-chaincode", org, "--jar", jar.toString()));
        }
        scripts(restarts);
    }

    /** The peers of these organisations talk to the deployed build again. */
    void restoreChaincode(Collection<String> orgs) throws IOException, InterruptedException {
        List<List<String>> restarts = new ArrayList<>();
        for (String org : orgs) {
            restarts.add(List.of("restart-chaincode", org));
        }
        scripts(restarts);
    }

    /** Runs several {@code network.sh} commands at once; fails with the output of each that failed. */
    private void scripts(List<List<String>> invocations) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<Running> running = new ArrayList<>();
        for (List<String> arguments : invocations) {
            running.add(start(scriptCommand(arguments), Map.of()));
        }
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < running.size(); i++) {
            Result result = running.get(i).await();
            if (result.exitCode() != 0) {
                failures.append("network/network.sh ")
                        .append(String.join(" ", invocations.get(i)))
                        .append(" failed (exit ")
                        .append(result.exitCode())
                        .append("):\n")
                        .append(result.output());
            }
        }
        for (List<String> arguments : invocations) {
            report(arguments, started);
        }
        if (failures.length() > 0) {
            throw new AssertionError(failures.toString());
        }
    }

    /** Says how long the slow commands took, for a CI log. */
    private static void report(List<String> arguments, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (seconds >= 1) {
            System.err.printf("[prooftrail IT] network/network.sh %s: %.1f s%n", String.join(" ", arguments), seconds);
        }
    }

    private List<String> scriptCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("network/network.sh").toString());
        command.addAll(arguments);
        return command;
    }

    private void downQuietly() {
        try {
            run(List.of(repository.resolve("network/network.sh").toString(), "down"), Map.of());
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.warning("network/network.sh down failed: " + e);
        }
    }

    private Result run(List<String> command, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        return start(command, extraEnvironment).await();
    }

    private Running start(List<String> command, Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("FABRIC_BIN", fabricBin.toString());
        environment.put("PATH", fabricBin + File.pathSeparator + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.putAll(extraEnvironment);
        Path log = Files.createTempFile(work, "process", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new Running(command, builder.start(), log);
    }

    /** A started process whose output goes to a file. */
    private record Running(List<String> command, Process process, Path log) {
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new InterruptedIOException(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT
                        + ":\n" + Files.readString(log, UTF_8));
            }
            String output = Files.readString(log, UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        }
    }

    private boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Undoes bash's {@code printf %q} for the plain paths and addresses {@code env} prints. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        return value.replaceAll("\\\\(.)", "$1");
    }

    record Result(int exitCode, String output) {}
}
