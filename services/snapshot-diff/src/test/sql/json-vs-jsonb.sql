-- Cost of a version's configuration as jsonb against json (migration V11), in PostgreSQL alone.
-- Run against any scratch database (it only creates temporary tables):
--   psql -q -d <database> -f services/snapshot-diff/src/test/sql/json-vs-jsonb.sql
-- Each step runs three times; compare the jsonb and json lines of the same round (\timing prints them).
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- 2,000 configurations shaped like an EC2 instance in canonical form (sorted keys, no spaces), about 2.7 kB each.
CREATE TEMP TABLE src AS
SELECT '{"architecture":"x86_64","blockDeviceMappings":[' ||
       string_agg(format('{"deviceName":"/dev/xvd%s","ebs":{"attachTime":"2026-01-0%sT10:00:00Z","deleteOnTermination":true,"status":"attached","volumeId":"vol-%s"}}',
                         chr(96 + d), d, left(md5(i::text || d), 17)), ',') ||
       '],"ebsOptimized":true,"iamInstanceProfile":{"arn":"arn:aws:iam::123456789012:instance-profile/app-' || i || '","id":"AIPA' || upper(left(md5(i::text), 16)) || '"},' ||
       '"imageId":"ami-' || left(md5('ami' || i), 17) || '","instanceId":"i-' || left(md5('i' || i), 17) || '","instanceType":"m5.large","launchTime":"2026-02-03T04:05:06Z",' ||
       '"metadataOptions":{"httpEndpoint":"enabled","httpPutResponseHopLimit":1,"httpTokens":"required","state":"applied"},"monitoring":{"state":"disabled"},"networkInterfaces":[' ||
       string_agg(format('{"attachment":{"attachTime":"2026-02-03T04:05:06Z","attachmentId":"eni-attach-%s","deleteOnTermination":true,"deviceIndex":%s,"status":"attached"},'
                         '"description":"Primary network interface","groups":[{"groupId":"sg-%s","groupName":"app-%s"}],"macAddress":"0a:1b:2c:3d:4e:%s",'
                         '"networkInterfaceId":"eni-%s","privateDnsName":"ip-10-0-%s-%s.ec2.internal","privateIpAddress":"10.0.%s.%s","sourceDestCheck":true,'
                         '"status":"in-use","subnetId":"subnet-%s","vpcId":"vpc-%s"}',
                         left(md5('a' || i || d), 17), d - 1, left(md5('g' || i || d), 17), d, left(md5('m' || i || d), 2), left(md5('n' || i || d), 17),
                         i % 256, d, i % 256, d, left(md5('s' || i), 17), left(md5('v' || i), 17)), ',') FILTER (WHERE d <= 2) ||
       '],"placement":{"availabilityZone":"us-east-1a","tenancy":"default"},"privateIpAddress":"10.0.1.2","rootDeviceName":"/dev/xvda","rootDeviceType":"ebs",' ||
       '"securityGroups":[' || string_agg(format('{"groupId":"sg-%s","groupName":"g%s"}', left(md5('sg' || i || d), 17), d), ',') ||
       '],"state":{"code":16,"name":"running"},"subnetId":"subnet-' || left(md5('s' || i), 17) ||
       '","tags":[{"key":"Name","value":"app-' || i || '"},{"key":"env","value":"prod"}],"virtualizationType":"hvm","vpcId":"vpc-' || left(md5('v' || i), 17) || '"}' AS doc
FROM generate_series(1, 2000) i CROSS JOIN generate_series(1, 3) d GROUP BY i;
SELECT count(*) AS documents, round(avg(length(doc))) AS avg_chars FROM src;

-- Shaped like resource_version (V8–V10): primary key, (resource, state) unique, valid_from index, lz4.
CREATE TEMP TABLE v_jsonb (id bigserial PRIMARY KEY, pk bigint, st bigint, h text, conf jsonb, valid_from timestamptz, UNIQUE (pk, st));
CREATE INDEX ON v_jsonb (valid_from);
CREATE TEMP TABLE v_json (id bigserial PRIMARY KEY, pk bigint, st bigint, h text, conf json, valid_from timestamptz, UNIQUE (pk, st));
CREATE INDEX ON v_json (valid_from);
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE v_jsonb ALTER COLUMN conf SET COMPRESSION lz4;
        ALTER TABLE v_json ALTER COLUMN conf SET COMPRESSION lz4;
    END IF;
END $$;

\timing on
\echo insert 2,000 versions: jsonb, then json (three rounds)
INSERT INTO v_jsonb (pk, st, h, conf, valid_from) SELECT row_number() OVER (), 1, md5(doc), doc::jsonb, now() FROM src;
INSERT INTO v_json (pk, st, h, conf, valid_from) SELECT row_number() OVER (), 1, md5(doc), doc::json, now() FROM src;
INSERT INTO v_jsonb (pk, st, h, conf, valid_from) SELECT row_number() OVER (), 2, md5(doc), doc::jsonb, now() FROM src;
INSERT INTO v_json (pk, st, h, conf, valid_from) SELECT row_number() OVER (), 2, md5(doc), doc::json, now() FROM src;
INSERT INTO v_jsonb (pk, st, h, conf, valid_from) SELECT row_number() OVER (), 3, md5(doc), doc::jsonb, now() FROM src;
INSERT INTO v_json (pk, st, h, conf, valid_from) SELECT row_number() OVER (), 3, md5(doc), doc::json, now() FROM src;
\echo read 6,000 configurations as text (what the ingest read-ahead does): jsonb, then json
SELECT sum(length(conf::text)) FROM v_jsonb;
SELECT sum(length(conf::text)) FROM v_json;
SELECT sum(length(conf::text)) FROM v_jsonb;
SELECT sum(length(conf::text)) FROM v_json;
\echo filter 6,000 versions by a property path (the property filter of the inventory API): jsonb, then json
SELECT count(*) FROM v_jsonb WHERE conf #>> '{metadataOptions,httpTokens}' = 'required';
SELECT count(*) FROM v_json WHERE conf #>> '{metadataOptions,httpTokens}' = 'required';
SELECT count(*) FROM v_jsonb WHERE conf #>> '{metadataOptions,httpTokens}' = 'required';
SELECT count(*) FROM v_json WHERE conf #>> '{metadataOptions,httpTokens}' = 'required';
\timing off
SELECT pg_size_pretty(pg_total_relation_size('v_jsonb')) AS jsonb_table, pg_size_pretty(pg_total_relation_size('v_json')) AS json_table;
\timing on
\echo migrate the 6,000 jsonb versions to json, as V11 does (a table rewrite)
ALTER TABLE v_jsonb ALTER COLUMN conf TYPE json USING conf::json;
\timing off
