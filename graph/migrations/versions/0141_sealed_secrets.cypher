// Device tokens are stored sealed; a device is found by a keyed hash of its token.
CREATE CONSTRAINT device_token_index IF NOT EXISTS FOR (n:Device) REQUIRE n.tokenIndex IS UNIQUE;
