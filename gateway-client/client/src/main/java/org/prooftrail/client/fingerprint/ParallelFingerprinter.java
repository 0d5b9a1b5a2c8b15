package org.prooftrail.client.fingerprint;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Merkle;

/**
 * Hashes on a fixed pool of threads. A directory is listed and hashed in parallel, one task per sub-directory, each
 * file hashed by the task that lists it (one read into a per-thread buffer for a file of up to 64 KiB, one per-thread
 * digest); the entries
 * are sorted afterwards, so the outcome does not depend on scheduling. A file larger than one chunk is hashed chunk by
 * chunk in parallel (each chunk mapped, or read with a positional read); only when its plain SHA-256 is asked for does
 * the calling thread also feed the same chunks, in order, to a whole-file digest.
 */
final class ParallelFingerprinter implements Fingerprinter {
    private static final Logger LOG = Logger.getLogger(ParallelFingerprinter.class.getName());
    /**
     * Small files are read in pieces of up to this size: a file of up to 64 KiB takes one read (and no second read
     * to find the end, see {@link #hashSmallFile}). The JDK reads more than 8 KiB through a short-lived native buffer
     * rather than a stack one, which costs less than the extra system calls of 8 KiB pieces.
     */
    private static final int READ_SIZE = 64 * 1024;
    /** Chunk buffers in flight per fingerprint are bounded, so memory stays at most this many chunks. */
    private static final int MAX_CHUNKS_IN_FLIGHT = 16;
    /**
     * Files of up to this many chunks (32 GiB) are memory-mapped chunk by chunk, which spares the kernel-to-heap
     * copies of reads (about 15% less CPU on 1 GiB). Java 17 cannot unmap explicitly, so mappings live until a
     * garbage collection; beyond this many the process could hit the kernel's limit on mappings, and positional
     * reads into reused buffers take over.
     */
    static final long MAX_MAPPED_CHUNKS = 4096;

    private final int threads;
    private final ProgressListener listener;
    private final long maxMappedChunks;
    private final boolean plainSha256;

    ParallelFingerprinter(int threads, ProgressListener listener, boolean plainSha256) {
        this(threads, listener, plainSha256, MAX_MAPPED_CHUNKS);
    }

    ParallelFingerprinter(int threads, ProgressListener listener, boolean plainSha256, long maxMappedChunks) {
        this.threads = threads;
        this.listener = listener;
        this.plainSha256 = plainSha256;
        this.maxMappedChunks = maxMappedChunks;
    }

    @Override
    public Fingerprint fingerprint(Path path) {
        return fingerprint(path, null);
    }

    @Override
    public Fingerprint fingerprint(Path path, Path manifestFile) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e, e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, new HashingThreads());
        try {
            if (attributes.isRegularFile()) {
                return hashSingleFile(path, attributes.size(), pool);
            }
            if (attributes.isDirectory()) {
                return Fingerprint.ofDirectory(hashDirectory(path, manifestFile, pool));
            }
            throw new IllegalArgumentException(path + " is neither a regular file nor a directory");
        } finally {
            pool.shutdownNow();
        }
    }

    private Fingerprint hashSingleFile(Path path, long size, ExecutorService pool) {
        Progress progress = new Progress(listener, size);
        String name = String.valueOf(path.toAbsolutePath().getFileName());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() <= Manifest.CHUNK_SIZE) {
                return Fingerprint.ofFile(hashSmallFile(name, path, channel.size(), progress), null);
            }
            MessageDigest whole = plainSha256 ? Digest.newSha256() : null;
            FileEntry entry = hashChunked(name, path, channel, channel.size(), pool, progress, whole);
            return Fingerprint.ofFile(entry, whole == null ? null : Digest.of(whole.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e, e);
        }
    }

    private Manifest hashDirectory(Path directory, Path manifestFile, ExecutorService pool) {
        Progress progress = new Progress(listener, 0);
        List<Found> large = Collections.synchronizedList(new ArrayList<>());
        Queue<FileEntry> entries = new ConcurrentLinkedQueue<>();
        // Small files are hashed by the task that lists their directory; large ones wait for the whole pool.
        DirectoryListing.walk(directory, manifestFile, pool, progress::skipped, file -> {
            progress.addTotal(file.size());
            if (file.size() > Manifest.CHUNK_SIZE) {
                large.add(file);
            } else {
                entries.add(hashSmallFile(file.relativePath(), file.path(), file.size(), progress));
            }
        });
        // Large files one at a time, each spread over the whole pool by its chunks.
        for (Found file : large) {
            try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                entries.add(
                        hashChunked(file.relativePath(), file.path(), channel, channel.size(), pool, progress, null));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.path() + ": " + e, e);
            }
        }
        return Manifest.of(new ArrayList<>(entries));
    }

    /**
     * Hashes a file of at most one chunk, which the listing found to have {@code listed} bytes. Each read asks for one
     * byte more than the rest of the listed size: a regular file answers a read short only at its end, so when a short
     * read completes the listed size the end is known without the extra read that would return -1 (one system call
     * of four per small file). A file that grew is read on to its end, as any other file is.
     */
    private static FileEntry hashSmallFile(String name, Path file, long listed, Progress progress) {
        ThreadState state = ThreadState.get();
        MessageDigest sha = state.sha;
        byte[] buffer = state.buffer;
        long size = 0;
        try (InputStream in = new FileInputStream(file.toFile())) {
            while (true) {
                long rest = listed - size;
                int wanted = rest >= 0 && rest < buffer.length ? (int) rest + 1 : buffer.length;
                int read = in.read(buffer, 0, wanted);
                if (read < 0) {
                    break;
                }
                sha.update(buffer, 0, read);
                size += read;
                if (size > Manifest.CHUNK_SIZE) {
                    sha.reset();
                    throw changed(file);
                }
                if (read < wanted && size == listed) {
                    break;
                }
            }
        } catch (IOException e) {
            sha.reset();
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
        progress.add(size);
        return FileEntry.of(name, size, Digest.of(sha.digest()), sha);
    }

    /** The chunk root of a file larger than one chunk; also feeds {@code whole}, if not null, in order. */
    private FileEntry hashChunked(
            String name,
            Path file,
            FileChannel channel,
            long size,
            ExecutorService pool,
            Progress progress,
            MessageDigest whole) {
        long count = Chunks.count(size);
        Digest[] leaves = new Digest[Math.toIntExact(count)];
        boolean mapped = count <= maxMappedChunks;
        int inFlight = Math.min(MAX_CHUNKS_IN_FLIGHT, threads + 1);
        Deque<ByteBuffer> free = new ArrayDeque<>();
        Deque<Future<ByteBuffer>> pending = new ArrayDeque<>();
        long next = 0;
        long done = 0;
        while (done < count) {
            while (next < count && pending.size() < inFlight) {
                ByteBuffer buffer =
                        mapped ? null : free.isEmpty() ? ByteBuffer.allocateDirect(Manifest.CHUNK_SIZE) : free.pop();
                long index = next++;
                pending.add(pool.submit(() -> hashChunk(file, channel, size, index, buffer, leaves)));
            }
            ByteBuffer chunk = join(pending.poll());
            int length = chunk.remaining();
            if (whole != null) {
                // The whole-file digest must see the chunks in order; the pool meanwhile hashes the next ones.
                whole.update(chunk);
            }
            progress.add(length);
            if (!mapped) {
                free.push(chunk);
            }
            done++;
        }
        return FileEntry.of(name, size, Merkle.root(Arrays.asList(leaves)));
    }

    /**
     * Reads chunk {@code index} (mapped when {@code buffer} is null, else by a positional read into it), stores its
     * leaf hash and returns its bytes for the whole-file digest.
     */
    private static ByteBuffer hashChunk(
            Path file, FileChannel channel, long size, long index, ByteBuffer buffer, Digest[] leaves)
            throws IOException {
        int length = Chunks.length(size, index);
        long position = index * Manifest.CHUNK_SIZE;
        ByteBuffer chunk;
        if (buffer == null) {
            chunk = channel.map(FileChannel.MapMode.READ_ONLY, position, length);
        } else {
            // A direct buffer, read into without the bounce buffer that a heap array would need.
            chunk = buffer.clear().limit(length);
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, position + chunk.position()) < 0) {
                    throw changed(file);
                }
            }
            chunk.flip();
        }
        MessageDigest sha = ThreadState.get().sha;
        sha.update((byte) 0x00); // the RFC 9162 leaf prefix, as Merkle.leafHash, without copying the chunk
        sha.update(chunk.duplicate());
        leaves[(int) index] = Digest.of(sha.digest());
        return chunk;
    }

    private static UncheckedIOException changed(Path file) {
        return new UncheckedIOException(new IOException(file + " changed size while it was being fingerprinted"));
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fingerprinting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io.getMessage(), io);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A regular file found under the directory. */
    record Found(String relativePath, Path path, long size) {}

    /**
     * Walks a directory's regular files in parallel, one pool task per directory, never following symbolic links.
     */
    static final class DirectoryListing {
        private final Path root;
        private final String excluded;
        private final ExecutorService pool;
        private final BiConsumer<String, String> skipped;
        private final Consumer<Found> sink;
        private final AtomicInteger pending = new AtomicInteger();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private DirectoryListing(
                Path root,
                String excluded,
                ExecutorService pool,
                BiConsumer<String, String> skipped,
                Consumer<Found> sink) {
            this.root = root;
            this.excluded = excluded;
            this.pool = pool;
            this.skipped = skipped;
            this.sink = sink;
        }

        /**
         * Hands every regular file to {@code sink}, on the pool's threads and in no particular order, skipping links
         * and special files; returns when every directory has been listed and every file handed over.
         */
        static void walk(
                Path directory,
                Path manifestFile,
                ExecutorService pool,
                BiConsumer<String, String> skipped,
                Consumer<Found> sink) {
            Path root;
            try {
                root = directory.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + directory + ": " + e, e);
            }
            DirectoryListing listing =
                    new DirectoryListing(root, excludedPath(root, manifestFile), pool, skipped, sink);
            listing.list(root, "");
            join(listing.done);
        }

        private void list(Path directory, String relative) {
            pending.incrementAndGet();
            pool.execute(() -> {
                try {
                    listNow(directory, relative);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                }
            });
        }

        private void listNow(Path directory, String relative) {
            List<Found> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    String path = relative.isEmpty() ? name : relative + "/" + name;
                    if (path.equals(Manifest.DEFAULT_FILE_NAME) || path.equals(excluded)) {
                        continue;
                    }
                    BasicFileAttributes attributes =
                            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isDirectory()) {
                        list(entry, path);
                    } else if (attributes.isRegularFile()) {
                        files.add(new Found(path, entry, attributes.size()));
                    } else {
                        String reason =
                                attributes.isSymbolicLink() ? "symbolic link, not followed" : "not a regular file";
                        LOG.warning(() -> "skipping " + path + ": " + reason);
                        skipped.accept(path, reason);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory + ": " + e, e);
            }
            // Sub-directories are queued before this directory's files are hashed, so the other threads have work.
            for (Found file : files) {
                if (done.isDone()) {
                    return;
                }
                sink.accept(file);
            }
        }

        private static String excludedPath(Path root, Path manifestFile) {
            if (manifestFile == null) {
                return null;
            }
            Path absolute = manifestFile.toAbsolutePath().normalize();
            Path parent = absolute.getParent();
            try {
                if (parent != null && Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                    absolute = parent.toRealPath().resolve(absolute.getFileName());
                }
            } catch (IOException e) {
                return null;
            }
            return absolute.startsWith(root) && !absolute.equals(root) ? RelativePaths.of(root, absolute) : null;
        }
    }

    /** One reusable read buffer and SHA-256 per hashing thread, so that a small file allocates next to nothing. */
    private static final class ThreadState {
        private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);
        final byte[] buffer = new byte[READ_SIZE];
        final MessageDigest sha = Digest.newSha256();

        static ThreadState get() {
            return STATE.get();
        }
    }

    /** Adds up hashed bytes and tells the listener, one call at a time. */
    private static final class Progress {
        private final ProgressListener listener;
        private long total;
        private long done;

        Progress(ProgressListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        /** A directory's total grows while it is being listed. */
        synchronized void addTotal(long bytes) {
            total += bytes;
        }

        /** Passes a skipped entry on under the same lock, so the listener is never called concurrently. */
        synchronized void skipped(String relativePath, String reason) {
            listener.skipped(relativePath, reason);
        }

        synchronized void add(long bytes) {
            done += bytes;
            listener.progress(done, Math.max(done, total));
        }
    }

    /** Daemon threads with recognisable names, so a stuck fingerprint shows up in a thread dump. */
    private static final class HashingThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "prooftrail-fingerprint-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
