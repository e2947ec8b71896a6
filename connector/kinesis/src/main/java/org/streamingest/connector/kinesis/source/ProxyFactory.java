package org.streamingest.connector.kinesis.source;

import org.streamingest.connector.kinesis.proxy.FanOutProxy;
import org.streamingest.connector.kinesis.proxy.StreamProxy;

import java.io.Serializable;

/**
 * Creates the AWS seam where it is used: on the JobManager for the enumerator, on each TaskManager
 * for the readers. The production implementation builds SDK clients from the source configuration;
 * tests pass a factory of fakes.
 */
public interface ProxyFactory extends Serializable {

    StreamProxy createStreamProxy();

    FanOutProxy createFanOutProxy();
}
