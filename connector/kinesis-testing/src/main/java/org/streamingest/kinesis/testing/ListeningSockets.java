package org.streamingest.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the kernel's socket tables ({@code /proc/net/tcp} and {@code tcp6}, Linux) to see which
 * local addresses and processes listen on a port, without sending any traffic.
 */
final class ListeningSockets {

    /** {@code 127.0.0.1} as the kernel prints it (little-endian hex). */
    static final String LOOPBACK_V4 = "0100007F";

    /** Prefix of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) in {@code tcp6}. */
    private static final String V4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    private static final List<Path> TABLES =
            List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String STATE_LISTEN = "0A";

    /** One LISTEN row: hex local address and socket inode. */
    record Listener(String address, String inode) {}

    private ListeningSockets() {}

    /** Whether the kernel's socket tables can be read here. */
    static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /**
     * The hex local addresses of all sockets in LISTEN state on {@code port}, IPv4 and IPv6; an
     * IPv4-mapped IPv6 address is reported as its IPv4 part.
     */
    static List<String> listeningAddresses(int port) {
        return listeners(port).stream().map(Listener::address).toList();
    }

    /** Whether process {@code pid} holds a socket listening on {@code port}. */
    static boolean isListenedOnBy(long pid, int port) {
        Set<String> inodes = new HashSet<>();
        listeners(port).forEach(l -> inodes.add("socket:[" + l.inode() + "]"));
        if (inodes.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds =
                Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor went away while listing; it is not the listener.
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    static List<Listener> listeners(int port) {
        List<Listener> listeners = new ArrayList<>();
        for (Path table : TABLES) {
            if (Files.isReadable(table)) {
                try {
                    listeners.addAll(parse(Files.readAllLines(table), port));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + table, e);
                }
            }
        }
        return listeners;
    }

    /** Parses table lines ({@code sl local_address rem_address st ... inode}), header first. */
    static List<Listener> parse(List<String> lines, int port) {
        String portHex = String.format(Locale.ROOT, "%04X", port);
        List<Listener> listeners = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 10) {
                continue;
            }
            String[] local = fields[1].split(":");
            if (local[1].equalsIgnoreCase(portHex) && fields[3].equals(STATE_LISTEN)) {
                String address = local[0].toUpperCase(Locale.ROOT);
                if (address.startsWith(V4_MAPPED_PREFIX)) {
                    address = address.substring(V4_MAPPED_PREFIX.length());
                }
                listeners.add(new Listener(address, fields[9]));
            }
        }
        return listeners;
    }
}
