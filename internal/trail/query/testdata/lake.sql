-- tlsfloor trail: callers below TLSv1.2, TLS version shares per service and
-- per day, and totals, as one result. Export the result (CSV, or JSON
-- for CloudTrail Lake) and read it with: tlsfloor trail --input lake FILE
WITH events AS (
  SELECT
    coalesce(eventID, '') AS event_id,
    CAST(eventTime AS varchar) AS event_time,
    coalesce(eventSource, '') AS event_source,
    coalesce(nullif(recipientAccountId, ''), userIdentity.accountId, '') AS account,
    coalesce(userIdentity.arn, '') AS principal_arn,
    coalesce(userIdentity.type, '') AS principal_type,
    coalesce(userIdentity.accessKeyId, '') AS access_key_id,
    coalesce(sourceIPAddress, '') AS source_ip,
    coalesce(vpcEndpointId, '') AS vpc_endpoint,
    coalesce(userAgent, '') AS user_agent,
    CASE WHEN eventType = 'AwsServiceEvent' THEN 'aws_service_event'
      WHEN userIdentity.type = 'AWSService' OR coalesce(userIdentity.invokedBy, '') <> '' THEN 'aws_service'
      WHEN coalesce(userAgent, '') LIKE '%.amazonaws.com' OR coalesce(userAgent, '') LIKE 'AWS Internal%' OR coalesce(sourceIPAddress, '') LIKE '%.amazonaws.com' OR coalesce(sourceIPAddress, '') LIKE 'AWS Internal%' THEN 'aws_internal'
      WHEN sessionCredentialFromConsole = 'true' THEN 'console'
      ELSE 'customer' END AS caller_class,
    tlsDetails IS NULL AS no_details,
    coalesce(trim(tlsDetails.tlsVersion), '') AS tls_version
  FROM a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
  WHERE eventTime >= '2024-04-30 00:00:00' AND eventTime < '2024-05-03 00:00:00'
),
numbered AS (
  SELECT events.*, row_number() OVER (PARTITION BY event_id ORDER BY event_time) AS copy
  FROM events
),
-- Duplicate eventIDs count once; records without an eventID always count.
distinct_events AS (
  SELECT * FROM numbered WHERE copy = 1 OR event_id = ''
)
SELECT 'caller' AS kind, account, principal_arn, principal_type, access_key_id,
  source_ip, vpc_endpoint, user_agent, event_source,
  CAST(NULL AS varchar) AS day, CAST(NULL AS varchar) AS tls_version, count(*) AS calls,
  sum(CASE WHEN tls_version IN ('SSLv3') THEN 1 ELSE 0 END) AS sslv3,
  sum(CASE WHEN tls_version IN ('TLSv1', 'TLSv1.0') THEN 1 ELSE 0 END) AS tlsv1,
  sum(CASE WHEN tls_version IN ('TLSv1.1') THEN 1 ELSE 0 END) AS tlsv1_1,
  sum(CASE WHEN tls_version IN ('TLSv1.2') THEN 1 ELSE 0 END) AS tlsv1_2,
  min(event_time) AS first_seen, max(event_time) AS last_seen,
  array_join(slice(array_agg(event_id ORDER BY event_time, event_id) FILTER (WHERE event_id <> ''), 1, 3), ' ') AS sample_event_ids,
  CAST(NULL AS bigint) AS duplicates, CAST(NULL AS bigint) AS no_details, CAST(NULL AS bigint) AS empty_version,
  CAST(NULL AS varchar) AS caller_class
FROM distinct_events
WHERE tls_version IN ('SSLv3', 'TLSv1', 'TLSv1.0', 'TLSv1.1')
GROUP BY account, principal_arn, principal_type, access_key_id, source_ip, vpc_endpoint, user_agent, event_source
UNION ALL
SELECT 'unknown', account, CASE WHEN principal_arn LIKE 'arn:%:sts::%:assumed-role/%/%' THEN split_part(principal_arn, '/', 1) || '/' || split_part(principal_arn, '/', 2) || '/*' ELSE principal_arn END, principal_type, '',
  '', '', user_agent, event_source,
  CAST(NULL AS varchar), CAST(NULL AS varchar), count(*),
  CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint),
  min(event_time), max(event_time),
  array_join(slice(array_agg(event_id ORDER BY event_time, event_id) FILTER (WHERE event_id <> ''), 1, 3), ' '),
  CAST(NULL AS bigint), sum(CASE WHEN no_details THEN 1 ELSE 0 END), sum(CASE WHEN no_details THEN 0 ELSE 1 END),
  caller_class
FROM distinct_events
WHERE tls_version = '' AND caller_class = 'customer'
GROUP BY account, CASE WHEN principal_arn LIKE 'arn:%:sts::%:assumed-role/%/%' THEN split_part(principal_arn, '/', 1) || '/' || split_part(principal_arn, '/', 2) || '/*' ELSE principal_arn END, principal_type, user_agent, event_source, caller_class
UNION ALL
SELECT 'without', CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  count(*), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint),
  caller_class
FROM distinct_events
WHERE tls_version = ''
GROUP BY caller_class
UNION ALL
SELECT 'service', CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  event_source, CAST(NULL AS varchar), tls_version, count(*),
  CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS varchar)
FROM distinct_events
GROUP BY event_source, tls_version
UNION ALL
SELECT 'day', CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  CAST(NULL AS varchar), substr(event_time, 1, 10), tls_version, count(*),
  CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS varchar)
FROM distinct_events
GROUP BY substr(event_time, 1, 10), tls_version
UNION ALL
SELECT 'totals', CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  (SELECT count(*) FROM events),
  CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS varchar), CAST(NULL AS varchar), CAST(NULL AS varchar),
  (SELECT count(*) FROM events) - count(*),
  sum(CASE WHEN no_details THEN 1 ELSE 0 END),
  sum(CASE WHEN NOT no_details AND tls_version = '' THEN 1 ELSE 0 END),
  CAST(NULL AS varchar)
FROM distinct_events
ORDER BY kind, calls DESC
