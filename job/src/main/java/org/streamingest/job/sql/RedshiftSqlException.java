package org.streamingest.job.sql;

/**
 * Bad or unsupported Redshift SQL: the message says what was wrong, where (line and column), and
 * what is supported instead.
 */
public class RedshiftSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SourcePosition position;

    public RedshiftSqlException(SourcePosition position, String message) {
        super(position == null ? message : message + " (at " + position + ")");
        this.position = position;
    }

    /** {@code cause}'s message at {@code position}: an error of the warehouse a statement met. */
    public RedshiftSqlException(SourcePosition position, RuntimeException cause) {
        super(
                position == null
                        ? cause.getMessage()
                        : cause.getMessage() + " (at " + position + ")",
                cause);
        this.position = position;
    }

    public SourcePosition position() {
        return position;
    }
}
