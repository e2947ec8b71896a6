package org.streamingest.kinesis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the kernel's socket tables ({@code /proc/net/tcp} and {@code tcp6}) to see which local
 * addresses listen on a port, without sending any traffic.
 */
final class ListeningSockets {

    /** {@code 127.0.0.1} as the kernel prints it (little-endian hex). */
    static final String LOOPBACK_V4 = "0100007F";

    /** Prefix of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) in {@code tcp6}. */
    private static final String V4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    private static final String STATE_LISTEN = "0A";

    private ListeningSockets() {}

    /**
     * The hex local addresses of all sockets in LISTEN state on {@code port}, IPv4 and IPv6; an
     * IPv4-mapped IPv6 address is reported as its IPv4 part.
     */
    static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        addresses.addAll(listeningAddresses(Path.of("/proc/net/tcp"), port));
        addresses.addAll(listeningAddresses(Path.of("/proc/net/tcp6"), port));
        return addresses;
    }

    static List<String> listeningAddresses(Path table, int port) throws IOException {
        if (!Files.exists(table)) {
            return List.of();
        }
        return parse(Files.readAllLines(table), port);
    }

    /** Parses table lines: {@code sl local_address rem_address st ...}, header first. */
    static List<String> parse(List<String> lines, int port) {
        String portHex = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            String[] local = fields[1].split(":");
            if (local[1].equalsIgnoreCase(portHex) && fields[3].equals(STATE_LISTEN)) {
                String address = local[0].toUpperCase(Locale.ROOT);
                addresses.add(
                        address.startsWith(V4_MAPPED_PREFIX)
                                ? address.substring(V4_MAPPED_PREFIX.length())
                                : address);
            }
        }
        return addresses;
    }
}
