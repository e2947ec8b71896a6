package org.streamingest.connector.kinesis.proxy;

/**
 * Base of the errors a user can cause or fix (unknown stream, missing permission, unreachable
 * endpoint, oversized record). Messages name what was wrong and what to do.
 */
public class KinesisConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KinesisConnectorException(String message) {
        super(message);
    }

    public KinesisConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
