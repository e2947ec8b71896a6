package org.streamingest.warehouse.catalog;

import org.streamingest.warehouse.WarehouseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarehouseCatalogTest {

    @TempDir Path dir;

    @Test
    void aWarehouseThatCannotBeCreatedSaysWhereAndWhy() throws Exception {
        // A path below a file can be created by no one (not even root, unlike a read-only mode)
        Path file = Files.writeString(dir.resolve("file"), "");

        assertThatThrownBy(
                        () ->
                                new WarehouseCatalog(
                                        "w",
                                        WarehouseConfig.of(
                                                Map.of(
                                                        "warehouse",
                                                        file.resolve("wh").toString()))))
                .isInstanceOf(WarehouseException.class)
                .hasMessage(
                        "Cannot create the warehouse's directory "
                                + file.resolve("wh/iceberg")
                                + " (Not a directory). Choose a warehouse this process can create"
                                + " and write: --warehouse DIR, or the catalog's option"
                                + " 'warehouse'.");
    }

    @Test
    void aNewLocalWarehouseIsCreated() {
        Path warehouse = dir.resolve("new/wh");

        new WarehouseCatalog("w", WarehouseConfig.of(Map.of("warehouse", warehouse.toString())))
                .close();

        assertThat(warehouse.resolve("iceberg")).isDirectory();
    }
}
