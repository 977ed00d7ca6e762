package dev.newsroom.ingest.service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The version state as read from {@code articles.ingested} up to given offsets, in one local file: at a
 * restart the state loads it and reads only the records after those offsets, instead of the whole topic.
 *
 * <p>A snapshot holds, for every article, its latest record's version, content hash and prior hashes: what
 * a fully compacted topic holds. It is consistent by construction (the follower takes it between two
 * polls, of exactly the records before its positions), so any snapshot, however old, plus the records after
 * its offsets is the whole state. Several instances may therefore share one file: each writes a complete
 * snapshot to a file of its own and renames it over the old one atomically.
 *
 * <p>The file ends with a CRC-32C of everything before it. A file that is missing, truncated, corrupt, of
 * another format or another topic (by name or by Kafka's topic id: a topic created again, a new cluster),
 * or whose offsets the topic does not have, is ignored: the state is
 * rebuilt from the whole topic, as without a snapshot.
 */
final class VersionSnapshot {

    private static final int MAGIC = 0x4e525653; // "NRVS"
    private static final int FORMAT = 1;

    /** What one article's latest record said. */
    record Head(long version, String hash, List<String> priorHashes) {
    }

    /**
     * A snapshot read back: the heads of every article, the offset of each partition it was taken at, and
     * the id Kafka gave the topic (a topic deleted and created again, or a new cluster, has another).
     */
    record Loaded(String topicId, Map<String, Head> heads, Map<Integer, Long> offsets) {
    }

    private VersionSnapshot() {
    }

    /** Writes a snapshot to {@code file}, replacing the one there only once it is complete and on disk. */
    static void write(Path file, String topic, String topicId, Map<Integer, Long> offsets, Map<String, Head> heads)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(channel);
                CRC32C crc = new CRC32C();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(topic);
                out.writeUTF(topicId);
                out.writeInt(offsets.size());
                for (Map.Entry<Integer, Long> o : offsets.entrySet()) {
                    out.writeInt(o.getKey());
                    out.writeLong(o.getValue());
                }
                out.writeInt(heads.size());
                for (Map.Entry<String, Head> e : heads.entrySet()) {
                    Head head = e.getValue();
                    out.writeUTF(e.getKey());
                    out.writeLong(head.version());
                    out.writeUTF(head.hash());
                    out.writeShort(head.priorHashes().size());
                    for (String prior : head.priorHashes()) {
                        out.writeUTF(prior);
                    }
                }
                out.flush();
                DataOutputStream trailer = new DataOutputStream(raw);
                trailer.writeLong(crc.getValue());
                trailer.flush();
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads the snapshot in {@code file}.
     *
     * @throws NoSuchFileException when there is none
     * @throws IOException         when it cannot be used (truncated, corrupt, another format or topic), saying why
     */
    static Loaded read(Path file, String topic) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CRC32C crc = new CRC32C();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            if (in.readInt() != MAGIC) {
                throw new IOException("not a version snapshot");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("snapshot format " + format + ", this code reads " + FORMAT);
            }
            String of = in.readUTF();
            if (!of.equals(topic)) {
                throw new IOException("a snapshot of " + of + ", not " + topic);
            }
            String topicId = in.readUTF();
            int partitions = in.readInt();
            Map<Integer, Long> offsets = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                offsets.put(in.readInt(), in.readLong());
            }
            int articles = in.readInt();
            if (articles < 0) {
                throw new IOException("corrupt: " + articles + " articles");
            }
            Map<String, Head> heads = new HashMap<>(Math.min(articles, 1 << 20) * 4 / 3 + 1);
            for (int i = 0; i < articles; i++) {
                String id = in.readUTF();
                long version = in.readLong();
                String hash = in.readUTF();
                int priorCount = in.readUnsignedShort();
                List<String> priors = new ArrayList<>(priorCount);
                for (int p = 0; p < priorCount; p++) {
                    priors.add(in.readUTF());
                }
                heads.put(id, new Head(version, hash, List.copyOf(priors)));
            }
            long computed = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != computed) {
                throw new IOException("checksum mismatch: the file is corrupt");
            }
            if (raw.read() != -1) {
                throw new IOException("corrupt: bytes after the checksum");
            }
            return new Loaded(topicId, heads, offsets);
        } catch (EOFException e) {
            throw new IOException("truncated", e);
        }
    }
}
