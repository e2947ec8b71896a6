package org.streamingest.warehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read from the kernel's tables ({@code /proc/net/tcp},
 * {@code tcp6} and {@code /proc/<pid>/fd}, Linux) without sending any traffic.
 */
public final class ListeningSockets {

    private static final List<Path> TABLES =
            List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String STATE_LISTEN = "0A";

    private ListeningSockets() {}

    /** Whether the kernel's tables can be read here. */
    public static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /** The local addresses process {@code pid} listens on (empty if it is gone). */
    public static List<InetSocketAddress> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(table);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length >= 10
                            && fields[3].equals(STATE_LISTEN)
                            && inodes.contains(fields[9])) {
                        addresses.add(parseAddress(fields[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + table, e);
            }
        }
        return addresses;
    }

    /** Parses {@code HEX_ADDRESS:HEX_PORT} as the kernel prints it (32-bit words little-endian). */
    static InetSocketAddress parseAddress(String field) {
        String[] parts = field.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        try {
            return new InetSocketAddress(
                    InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address: " + field, e);
        }
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds =
                Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor went away while listing.
                }
            }
        } catch (IOException processGone) {
            // No descriptors, no sockets.
        }
        return inodes;
    }
}
