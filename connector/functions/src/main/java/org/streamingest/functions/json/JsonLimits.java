package org.streamingest.functions.json;

/**
 * Redshift's documented limits for SUPER values ("Limitations" of the SUPER data type): nesting
 * depth 1,000, string literals up to 16,000,000 bytes, one SUPER object up to 16 MB.
 */
public final class JsonLimits {

    public static final int MAX_NESTING_DEPTH = 1_000;
    public static final int MAX_STRING_BYTES = 16_000_000;
    public static final int MAX_SUPER_BYTES = 16 * 1024 * 1024;

    private JsonLimits() {}
}
