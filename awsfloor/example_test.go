package awsfloor_test

import (
	"context"
	"log"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/tlsfloor/tlsfloor"
	"github.com/tlsfloor/tlsfloor/awsfloor"
)

func ExampleLoadDefaultConfig() {
	cfg, err := awsfloor.LoadDefaultConfig(context.Background(), tlsfloor.TLS13, config.WithRegion("eu-west-1"))
	if err != nil {
		log.Fatal(err)
	}
	_ = cfg // pass to sts.NewFromConfig, s3.NewFromConfig, ...
}

func ExampleWithPolicy() {
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithRegion("us-east-1"),
		awsfloor.WithPolicy(tlsfloor.PostQuantum), // after any config.WithHTTPClient
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = cfg
}
