package org.streamingest.functions.json;

/**
 * Raised when bytes are not JSON that Redshift's JSON_PARSE would accept. Carries the reason and
 * the byte offset at which the input went wrong, so callers can build a message for the user.
 */
public final class InvalidJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long byteOffset;

    public InvalidJsonException(String reason, long byteOffset) {
        super(
                reason + (byteOffset >= 0 ? " at byte offset " + byteOffset : ""),
                null,
                false,
                false);
        this.reason = reason;
        this.byteOffset = byteOffset;
    }

    /** What was wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** Zero-based offset into the input, or -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }
}
