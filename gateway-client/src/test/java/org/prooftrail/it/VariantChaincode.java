package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A modified build of the chaincode, as a dishonest organisation could run: the real {@code ArtifactService} source
 * with its checks cut out, compiled at test time against the deployed server jar, and put into a copy of that jar in
 * place of the real class. Production code has no switch that turns a check off; this is the only way the tests get
 * a chaincode without one.
 */
final class VariantChaincode {
    private static final String SERVICE = "org/prooftrail/chaincode/artifact/ArtifactService";

    /** A check to cut out: the exact source text and what replaces it. */
    record Patch(String description, String original, String replacement) {}

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
        String source = Files.readString(repository.resolve("chaincode/src/main/java/" + SERVICE + ".java"), UTF_8);
        for (Patch patch : patches) {
            if (!source.contains(patch.original())) {
                throw new AssertionError("cannot make the variant chaincode (" + patch.description() + "): " + SERVICE
                        + ".java no longer contains `" + patch.original() + "`; update VariantChaincode");
            }
            source = source.replace(patch.original(), patch.replacement());
        }
        Path sources = Files.createDirectories(folder.resolve("src/" + SERVICE).getParent());
        Path patched = sources.resolve("ArtifactService.java");
        Files.writeString(patched, source, UTF_8);
        Path classes = Files.createDirectories(folder.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AssertionError("the integration tests need a JDK (javax.tools), not a JRE");
        }
        int status = compiler.run(
                null,
                null,
                null,
                "--release",
                "17",
                "-proc:none",
                "-nowarn",
                "-classpath",
                deployedJar.toString(),
                "-d",
                classes.toString(),
                patched.toString());
        if (status != 0) {
            throw new AssertionError("compiling the variant ArtifactService failed (status " + status + ")");
        }

        Path jar = folder.resolve("prooftrail-chaincode-variant.jar");
        try (JarFile original = new JarFile(deployedJar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), original.getManifest())) {
            Enumeration<JarEntry> entries = original.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || isServiceClass(name)) {
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

    private static boolean isServiceClass(String name) {
        return name.equals(SERVICE + ".class") || name.startsWith(SERVICE + "$");
    }

    private static void copy(Path file, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }
}
