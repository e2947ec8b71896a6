package org.streamingest.connector.kinesis.proxy;

/**
 * The credentials lack a permission the connector needs. The message says what to do; it never
 * contains credentials.
 */
public class KinesisAccessDeniedException extends KinesisConnectorException {
    private static final long serialVersionUID = 1L;

    public KinesisAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
