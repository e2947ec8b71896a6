package org.streamingest.functions.json;

import org.apache.flink.table.api.TableRuntimeException;

/**
 * {@code JSON_PARSE} met a payload that is not JSON: a record of the view's stream that a view
 * without {@code WHERE CAN_JSON_PARSE(...)} cannot ingest, which stops the view as in Redshift. Its
 * type is the contract with the warehouse, which recognises such a failure by this class in the
 * failed job's root exception (the only form a failure takes over Flink's REST API) and then finds
 * the record in the stream; the message is for people and may change.
 */
public final class NotJsonException extends TableRuntimeException {
    private static final long serialVersionUID = 1L;

    public NotJsonException(String message) {
        super(message);
    }
}
