package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's file system seen by a reading process of the index: the same files, but opening one takes no OS lock. An
 * MVStore locks its file even to read it, which would shut readers out while the writer runs; the ledger has its own
 * writer lock ({@code ledger/LOCK}) and readers only ever open the index read-only, so the MVStore's lock adds nothing
 * there. Public only because H2 creates wrappers by reflection; not part of the library's API.
 */
public final class SharedReadPath extends FilePathWrapper {
    static final String SCHEME = "prooftrail-shared-read";

    private static boolean registered;

    /** The MVStore file name that opens {@code path} through this file system. */
    static synchronized String name(java.nio.file.Path path) {
        if (!registered) {
            FilePath.register(new SharedReadPath());
            registered = true;
        }
        return SCHEME + ":" + path.toAbsolutePath();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (!"r".equals(mode)) {
            throw new IOException("the index is opened only to read through " + SCHEME);
        }
        return new Unlocked(getBase().open(mode));
    }

    /** A read-only channel whose locks are granted without asking the OS. */
    private static final class Unlocked extends FileBase {
        private final FileChannel base;

        Unlocked(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return base.read(destination);
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return base.read(destination, position);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            throw new IOException("read only");
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            throw new IOException("read only");
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            base.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            throw new IOException("read only");
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            return new FileLock(this, position, size, shared) {
                @Override
                public boolean isValid() {
                    return Unlocked.this.isOpen();
                }

                @Override
                public void release() {
                    // nothing was locked
                }
            };
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
