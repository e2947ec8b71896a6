package org.streamingest.job.gateway;

import org.streamingest.job.cluster.FlinkRest;
import org.streamingest.job.cluster.SqlGatewayExtension;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * A SQL gateway that dies while a materialized table of one of its sessions refreshes, every part a
 * process of its own as in {@link SqlGatewayITCase}: the gateway is killed (kill -9, so its session
 * neither closes nor gives up the view's lease) and a new one is started from the same {@code
 * config.yaml}. The view's pipeline runs on the session cluster through all of it, so records put
 * meanwhile reach the view; once the dead session's lease expired (the catalog's {@code
 * lease.timeout}, 6 s here), a session of the new gateway suspends and drops the table. Rows are
 * compared exactly with the records put: none lost, none twice.
 */
@Tag("extended") // long: runs with -Pextended, not in the default run
class SqlGatewayRestartITCase {

    private static final SqlGatewayInstallation INSTALLATION =
            SqlGatewayInstallation.prepare(SqlGatewayRestartITCase.class.getSimpleName());

    /** How long a lease lasts without renewal: the longest a restart must wait for the view. */
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(6);

    @RegisterExtension
    static final WarehouseDoors DOORS =
            WarehouseDoors.of(
                    INSTALLATION, Map.of("lease.timeout", LEASE_TIMEOUT.toSeconds() + " s"));

    private static final SqlGatewayExtension GATEWAY = DOORS.gateway();

    private static final String OK = "[INFO] Execute statement succeeded.";
    private static final String PIPELINE = "mv public.v";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aGatewayKilledWhileAMaterializedTableRefreshesLosesAndRepeatsNothing(TestInfo test)
            throws Exception {
        Path dir = WarehouseDoors.filesOf(getClass(), test);
        DOORS.put("{\"order_id\":1}", "{\"order_id\":2}", "{\"order_id\": 3,", "{\"order_id\":4}");

        // Given a session that made a materialized table and is still open
        FlinkRest.Job pipeline;
        try (SqlClientTerminal creator = DOORS.terminal(dir, "creator")) {
            assertThat(creator.type(SqlGatewayMaterializedTableITCase.CREATE_EXTERNAL_SCHEMA))
                    .contains("CREATE EXTERNAL SCHEMA kds");
            assertThat(creator.type(SqlGatewayMaterializedTableITCase.CREATE)).contains(OK);
            pipeline = DOORS.awaitRunning(PIPELINE);
            assertThat(DOORS.awaitRowsShown(creator, "w.public.v"))
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());

            // When the gateway is killed while the view's pipeline runs
            GATEWAY.kill();
        }
        long killed = System.nanoTime();

        // And records are put while no gateway runs, and a new one is started from the same
        // configuration
        DOORS.put("{\"order_id\":5}", "not json", "{\"order_id\":6}");
        GATEWAY.restart();
        DOORS.put("{\"order_id\":7}");

        // Then the pipeline ran on through it, and a session of the new gateway reads every
        // valid record put, each once
        assertThat(DOORS.awaitRunning(PIPELINE).id()).isEqualTo(pipeline.id());
        try (SqlClientTerminal session = DOORS.terminal(dir, "after-restart")) {
            assertThat(DOORS.awaitRowsShown(session, "w.public.v"))
                    .containsExactlyInAnyOrderElementsOf(DOORS.valid());

            // When the dead session's lease has expired, and the new session suspends the table
            long expired = killed + LEASE_TIMEOUT.plusSeconds(1).toNanos();
            Thread.sleep(Math.max(0, (expired - System.nanoTime()) / 1_000_000));
            assertThat(session.type(SqlGatewayMaterializedTableITCase.SUSPEND)).contains(OK);
        }

        // Then nothing runs, and the CLI sees an AUTO REFRESH NO view whose REFRESH adds exactly
        // the records put since
        assertThat(DOORS.unfinishedJobs()).isEmpty();
        DOORS.put("{\"order_id\":8}", "{\"order_id\":9");
        WarehouseDoors.CliRun cli =
                DOORS.cli(
                        dir,
                        "refresh.sql",
                        "REFRESH MATERIALIZED VIEW v;\n"
                                + "SELECT * FROM stv_mv_info;\n"
                                + "SELECT * FROM v;\n");
        assertThat(cli.err()).contains("REFRESH MATERIALIZED VIEW public.v: 1 rows added");
        assertThat(cli.autoRefresh()).containsExactly(entry("public.v", "f"));
        assertThat(cli.viewRows()).containsExactlyInAnyOrderElementsOf(DOORS.valid());

        // And a session of the new gateway drops it: nothing of it is left running or listed
        assertThat(DOORS.script(dir, "drop", SqlGatewayMaterializedTableITCase.DROP).output())
                .contains(OK);
        assertThat(DOORS.unfinishedJobs()).isEmpty();
        assertThat(
                        DOORS.script(dir, "list", "SHOW TABLES FROM w.public;").tables().stream()
                                .flatMap(table -> table.rows().stream())
                                .toList())
                .isEqualTo(List.of());
    }
}
