package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A modified build of the chaincode, as a dishonest organisation could run: real sources (by default
 * {@code ArtifactService}) with their checks cut out, and possibly classes of its own, compiled at test time against
 * the deployed server jar, and put into a copy of that jar in place of the real classes. Production code has no
 * switch that turns a check off; this is the only way the tests get a chaincode without one.
 */
final class VariantChaincode {
    private static final String SERVICE = "org/prooftrail/chaincode/artifact/ArtifactService";

    /** A check to cut out of the source of {@code type} (a class path such as {@code org/x/Y}): text and replacement. */
    record Patch(String type, String description, String original, String replacement) {
        Patch(String description, String original, String replacement) {
            this(SERVICE, description, original, replacement);
        }
    }

    /** The owner check of {@code SetStatus}: any organisation may change any artifact's status. */
    static final Patch NO_OWNER_CHECK = new Patch(
            "no owner check in SetStatus",
            "if (!caller.belongsTo(artifact.getOwner())) {",
            "if (false && !caller.belongsTo(artifact.getOwner())) {");

    /** The immutability check of {@code Register}: registering an existing id with another digest overwrites it. */
    static final Patch NO_IMMUTABILITY_CHECK = new Patch(
            "no immutability check in Register",
            "if (existing.isPresent()) {",
            "if (existing.isPresent() && existing.get().getDigest().equals(request.digest().toString())) {");

    private VariantChaincode() {}

    /** Builds the variant jar in {@code folder}: {@code deployedJar} with {@code ArtifactService} patched. */
    static Path build(Path repository, Path deployedJar, Path folder, List<Patch> patches) throws IOException {
        return build(repository, deployedJar, folder, patches, Map.of());
    }

    /**
     * Builds the variant jar in {@code folder}: {@code deployedJar} with each patched source and each added source
     * ({@code added}: class path such as {@code org/x/Y} to its Java source) compiled in place of the real classes.
     */
    static Path build(Path repository, Path deployedJar, Path folder, List<Patch> patches, Map<String, String> added)
            throws IOException {
        Map<String, String> sources = new TreeMap<>(added);
        for (Patch patch : patches) {
            String source = sources.containsKey(patch.type())
                    ? sources.get(patch.type())
                    : Files.readString(
                            repository.resolve("chaincode/contracts/src/main/java/" + patch.type() + ".java"), UTF_8);
            if (!source.contains(patch.original())) {
                throw new AssertionError("cannot make the variant chaincode (" + patch.description() + "): "
                        + patch.type() + ".java no longer contains `" + patch.original() + "`; update the patch");
            }
            sources.put(patch.type(), source.replace(patch.original(), patch.replacement()));
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--release",
                "17",
                "-proc:none",
                "-nowarn",
                "-classpath",
                deployedJar.toString(),
                "-d",
                folder.resolve("classes").toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = folder.resolve("src/" + source.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), UTF_8);
            arguments.add(file.toString());
        }
        Path classes = Files.createDirectories(folder.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AssertionError("the integration tests need a JDK (javax.tools), not a JRE");
        }
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError("compiling the variant " + sources.keySet() + " failed (status " + status + ")");
        }

        Path jar = folder.resolve("prooftrail-chaincode-variant.jar");
        try (JarFile original = new JarFile(deployedJar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), original.getManifest())) {
            Enumeration<JarEntry> entries = original.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || isReplaced(name, sources.keySet())) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = original.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            try (Stream<Path> compiled = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) compiled.filter(Files::isRegularFile)::iterator) {
                    out.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    copy(file, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private static boolean isReplaced(String name, Set<String> types) {
        return types.stream().anyMatch(type -> name.equals(type + ".class") || name.startsWith(type + "$"));
    }

    private static void copy(Path file, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }
}
