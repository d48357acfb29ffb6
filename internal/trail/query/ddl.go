package query

import (
	"fmt"
	"strings"
)

// AthenaTable returns the CREATE EXTERNAL TABLE statement for the CloudTrail
// logs of one account and Region at p.Location, with partition projection
// on the delivery day, following the Athena User Guide, "Creating the table
// for CloudTrail logs in Athena using partition projection"
// (https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html):
// the same columns, SerDe, input format and table properties.
func AthenaTable(p Params) string {
	p = p.withDefaults()
	var b strings.Builder
	fmt.Fprintf(&b, "-- Athena table over %s, one partition per delivery day\n", p.Location)
	fmt.Fprintf(&b, "-- (partition projection: no MSCK REPAIR or ALTER TABLE ADD PARTITION needed).\n")
	if p.Location == placeholderLocation {
		fmt.Fprintf(&b, "-- Replace %s with the trail's bucket, prefix, account and Region.\n", placeholderLocation)
	}
	fmt.Fprintf(&b, "CREATE EXTERNAL TABLE %s (\n%s\n)\n", p.Table, athenaColumns)
	b.WriteString("PARTITIONED BY (`timestamp` string)\n")
	b.WriteString("ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\n")
	b.WriteString("STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\n")
	b.WriteString("OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n")
	fmt.Fprintf(&b, "LOCATION '%s'\n", p.Location)
	b.WriteString("TBLPROPERTIES (\n")
	props := [][2]string{
		{"projection.enabled", "true"},
		{"projection.timestamp.format", "yyyy/MM/dd"},
		{"projection.timestamp.interval", "1"},
		{"projection.timestamp.interval.unit", "DAYS"},
		{"projection.timestamp.range", "2020/01/01,NOW"},
		{"projection.timestamp.type", "date"},
		{"storage.location.template", p.Location + "/${timestamp}"},
	}
	for i, kv := range props {
		sep := ","
		if i == len(props)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "  '%s'='%s'%s\n", kv[0], kv[1], sep)
	}
	b.WriteString(");\n")
	return b.String()
}

// athenaColumns are the table's columns, as the Athena guide lists them,
// and sessionCredentialFromConsole, a string in CloudTrail's records
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
// that tells console-proxied calls, which have no tlsDetails.
const athenaColumns = `  eventVersion STRING,
  userIdentity STRUCT<
    type: STRING,
    principalId: STRING,
    arn: STRING,
    accountId: STRING,
    invokedBy: STRING,
    accessKeyId: STRING,
    userName: STRING,
    sessionContext: STRUCT<
      attributes: STRUCT<
        mfaAuthenticated: STRING,
        creationDate: STRING>,
      sessionIssuer: STRUCT<
        type: STRING,
        principalId: STRING,
        arn: STRING,
        accountId: STRING,
        userName: STRING>,
      ec2RoleDelivery: STRING,
      webIdFederationData: MAP<STRING,STRING>>>,
  eventTime STRING,
  eventSource STRING,
  eventName STRING,
  awsRegion STRING,
  sourceIpAddress STRING,
  userAgent STRING,
  errorCode STRING,
  errorMessage STRING,
  requestParameters STRING,
  responseElements STRING,
  additionalEventData STRING,
  requestId STRING,
  eventId STRING,
  readOnly STRING,
  resources ARRAY<STRUCT<
    arn: STRING,
    accountId: STRING,
    type: STRING>>,
  eventType STRING,
  apiVersion STRING,
  recipientAccountId STRING,
  serviceEventDetails STRING,
  sharedEventID STRING,
  vpcEndpointId STRING,
  tlsDetails STRUCT<
    tlsVersion: STRING,
    cipherSuite: STRING,
    clientProvidedHostHeader: STRING>,
  sessionCredentialFromConsole STRING`
