package org.streamingest.warehouse;

/**
 * A request the warehouse cannot carry out because of what it asked for: a view or schema that does
 * not exist or already exists, a query a view cannot have, a view held by another process. The
 * message says what was wrong and what to do; the warehouse and the data ingested so far are
 * unchanged. Each door adds its own context (the Redshift front end the statement's position).
 */
public class WarehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WarehouseException(String message) {
        super(message);
    }

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
