package org.streamingest.gateway;

import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.session.SessionHandle;

import java.util.regex.Pattern;

/**
 * Redshift's functions in every session of the endpoint, resolved before Flink's: the session loads
 * the {@code redshift} module when it opens and uses {@code redshift, core} in that order, as the
 * CLI does, so that a name both define ({@code DECODE}, {@code LOG}, {@code GREATEST}, {@code
 * LEAST}) is Redshift's. {@code init.sql}'s {@code LOAD MODULE redshift}, which a stock gateway
 * needs, then only puts the modules in that order again instead of failing on a module already
 * loaded.
 */
final class RedshiftModules {

    /** The module order of every session: Redshift's functions before Flink's. */
    static final String USE = "USE MODULES redshift, core";

    private static final Pattern LOAD_REDSHIFT =
            Pattern.compile(
                    "\\s*LOAD\\s+MODULE\\s+(redshift|`redshift`)\\s*;?\\s*",
                    Pattern.CASE_INSENSITIVE);

    /** Comments, which the SQL client sends with the statement that follows them. */
    private static final Pattern COMMENTS =
            Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    private RedshiftModules() {}

    /** Loads the module into a new session and puts it first. */
    static void load(SqlGatewayService service, SessionHandle session) {
        service.configureSession(session, "LOAD MODULE redshift", 0);
        service.configureSession(session, USE, 0);
    }

    /**
     * True for {@code LOAD MODULE redshift} without options (comments around it allowed), which
     * every session has done.
     */
    static boolean loadsRedshift(String statement) {
        return LOAD_REDSHIFT.matcher(COMMENTS.matcher(statement).replaceAll(" ")).matches();
    }
}
