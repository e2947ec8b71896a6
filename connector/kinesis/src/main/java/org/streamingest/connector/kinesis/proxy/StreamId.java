package org.streamingest.connector.kinesis.proxy;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream addressed either by name or by ARN ({@code arn:aws:kinesis:region:account:stream/name}).
 * Stream names are case sensitive.
 */
public final class StreamId implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern ARN =
            Pattern.compile(
                    "arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\\d{12}):stream/([A-Za-z0-9_.-]{1,128})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final String name;
    private final String arn;

    private StreamId(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    /** Parses a stream name or ARN; rejects anything else with a message that says why. */
    public static StreamId of(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "stream name or ARN");
        if (nameOrArn.startsWith("arn:")) {
            Matcher m = ARN.matcher(nameOrArn);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + nameOrArn
                                + "' is not a Kinesis stream ARN; expected"
                                + " arn:aws:kinesis:<region>:<12-digit account>:stream/<name>");
            }
            return new StreamId(m.group(4), nameOrArn);
        }
        if (!NAME.matcher(nameOrArn).matches()) {
            throw new IllegalArgumentException(
                    "'"
                            + nameOrArn
                            + "' is not a valid Kinesis stream name: use 1 to 128 characters"
                            + " from a-z, A-Z, 0-9, '_', '-' and '.'");
        }
        return new StreamId(nameOrArn, null);
    }

    /** The stream name (also when the stream was addressed by ARN). */
    public String name() {
        return name;
    }

    /** The ARN, or {@code null} when the stream was addressed by name. */
    public String arn() {
        return arn;
    }

    public boolean isArn() {
        return arn != null;
    }

    /** The region embedded in the ARN, or {@code null}. */
    public String arnRegion() {
        if (arn == null) {
            return null;
        }
        Matcher m = ARN.matcher(arn);
        return m.matches() ? m.group(2) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamId
                && name.equals(((StreamId) o).name)
                && Objects.equals(arn, ((StreamId) o).arn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, arn);
    }

    @Override
    public String toString() {
        return arn != null ? arn : name;
    }
}
