-- streaming-ingest: the start of every Flink SQL client session.
--   bin/sql-client.sh gateway -e 127.0.0.1:8083 -i init.sql
-- Placeholder: /path/to/streaming-ingest, as in config.yaml. The catalog is stored in the gateway's
-- catalog store the first time, so IF NOT EXISTS keeps later sessions from failing on it.

-- The warehouse: views, their Iceberg tables, external schemas (their streams are tables) and the
-- procedures in schema sys. The same warehouse as the CLI's --warehouse; a Hadoop catalog in
-- <warehouse>/iceberg by default (one machine). For several machines add 'catalog-type' = 'jdbc'
-- or 'rest' and 'uri' (docs/warehouse-options.md).
CREATE CATALOG IF NOT EXISTS w WITH (
  'type' = 'streaming-warehouse',
  'warehouse' = '/path/to/streaming-ingest/warehouse',
  -- 'aws.endpoint' = 'http://127.0.0.1:4567',  -- a local Kinesis-API server instead of AWS
  'aws.region' = 'us-west-2'
);

-- Redshift's functions: JSON_PARSE, CAN_JSON_PARSE, FROM_VARBYTE, JSON_EXTRACT_PATH_TEXT, ...
LOAD MODULE redshift;

USE CATALOG w;
