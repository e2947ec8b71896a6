package org.streamingest.warehouse.catalog;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class NioLocalFileSystemTest {

    @TempDir java.nio.file.Path dir;

    @Test
    void writesTheSameFilesAndPermissionsAsHadoopsLocalFileSystem() throws Exception {
        Configuration conf = new Configuration();
        try (FileSystem nio = new NioLocalFileSystem();
                FileSystem hadoop = new LocalFileSystem()) {
            nio.initialize(java.net.URI.create("file:///"), conf);
            hadoop.initialize(java.net.URI.create("file:///"), conf);
            for (FileSystem fs : new FileSystem[] {nio, hadoop}) {
                Path file =
                        new Path(dir.toUri().toString(), fs.getClass().getSimpleName() + ".txt");
                try (FSDataOutputStream out = fs.create(file)) {
                    out.write("rows".getBytes(StandardCharsets.UTF_8));
                }
                fs.setPermission(file, new FsPermission((short) 0640));
            }
            for (String name : new String[] {"NioLocalFileSystem.txt", "LocalFileSystem.txt"}) {
                java.nio.file.Path file = dir.resolve(name);
                assertThat(file).hasContent("rows");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-r-----");
                assertThat(dir.resolve("." + name + ".crc")).exists();
            }
        }
    }

    @Test
    void theWarehousesIcebergCatalogUsesIt() throws Exception {
        WarehouseConfig config =
                WarehouseConfig.hadoop(WarehouseLocation.of(dir.toString()), java.util.Map.of());
        assertThat(org.apache.hadoop.fs.FileSystem.getFileSystemClass("file", hadoopConf(config)))
                .isEqualTo(NioLocalFileSystem.class);
    }

    private static Configuration hadoopConf(WarehouseConfig config) {
        return ((org.apache.hadoop.conf.Configurable) config.loader().loadCatalog()).getConf();
    }
}
