package org.streamingest.functions;

import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.module.Module;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Redshift's JSON/SUPER, VARBYTE, date/time and null-handling functions for any Flink SQL session:
 * {@code LOAD MODULE redshift}.
 *
 * <p>Flink resolves an unqualified function name by asking the loaded modules in order (see {@code
 * SHOW FULL MODULES}), before its own SQL operators. {@code LOAD MODULE} appends, so Flink's core
 * module keeps the one name both define ({@code DECODE}) until {@code USE MODULES redshift, core};
 * {@code TO_TIMESTAMP}, a Flink SQL operator rather than a core-module function, is Redshift's as
 * soon as the module is loaded. docs/functions.md explains both.
 */
public final class RedshiftModule implements Module {

    public static final RedshiftModule INSTANCE = new RedshiftModule();

    private RedshiftModule() {}

    @Override
    public Set<String> listFunctions() {
        return RedshiftFunctions.byName().keySet();
    }

    @Override
    public Optional<FunctionDefinition> getFunctionDefinition(String name) {
        return Optional.ofNullable(RedshiftFunctions.byName().get(name.toLowerCase(Locale.ROOT)));
    }
}
