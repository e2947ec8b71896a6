package org.streamingest.warehouse.pipeline;

import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.exceptions.CatalogException;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsTest {

    @Test
    void aPrefixThatWrappersRepeatIsSaidOnce() {
        // As Flink 2.1's planner fails an INSERT whose query's table cannot be looked up
        CatalogException lookup =
                new CatalogException(
                        "Catalog 'redshift' cannot look up stream 's': no credentials");
        ValidationException query =
                new ValidationException("SQL validation failed. " + lookup.getMessage(), lookup);
        ValidationException insert =
                new ValidationException("SQL validation failed. " + query.getMessage(), query);

        assertThat(Errors.rootMessage(insert))
                .isEqualTo(
                        "SQL validation failed. Catalog 'redshift' cannot look up stream 's':"
                                + " no credentials");
    }

    @Test
    void distinctPrefixesAreKeptInOrder() {
        IOException io = new IOException("disk full");
        RuntimeException write = new RuntimeException("Cannot write: " + io.getMessage(), io);
        RuntimeException refresh =
                new RuntimeException("Refresh failed. " + write.getMessage(), write);

        assertThat(Errors.rootMessage(refresh))
                .isEqualTo("Refresh failed. Cannot write: disk full");
    }

    @Test
    void aCauseThatAddsSomethingIsItsOwnLine() {
        IOException io = new IOException("disk full");
        RuntimeException write = new RuntimeException("Cannot write the savepoint", io);

        assertThat(Errors.rootMessage(write))
                .isEqualTo("Cannot write the savepoint\n  caused by: disk full");
        assertThat(Errors.rootMessage(new IllegalStateException("alone"))).isEqualTo("alone");
    }
}
