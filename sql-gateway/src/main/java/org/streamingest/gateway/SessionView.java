package org.streamingest.gateway;

import org.streamingest.warehouse.catalog.ObjectName;

import java.util.Map;
import java.util.Optional;

/** What the translation of a statement needs to know of the gateway session it runs in. */
interface SessionView {

    /** Whether the session has catalog {@code catalog}. */
    boolean hasCatalog(String catalog);

    /** The options of relation {@code name} of {@code catalog}, or empty if there is none. */
    Optional<Map<String, String>> relation(String catalog, ObjectName name);

    /** The session's configuration, including what its SET statements set. */
    Map<String, String> config();
}
