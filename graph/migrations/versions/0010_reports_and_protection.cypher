// Reports, their messages and custody events, transmissions, and the data keys that seal personal fields.
CREATE CONSTRAINT data_key_id IF NOT EXISTS FOR (n:DataKey) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT report_receipt IF NOT EXISTS FOR (n:Report) REQUIRE n.receiptHash IS UNIQUE;
CREATE CONSTRAINT report_reference IF NOT EXISTS FOR (n:Report) REQUIRE n.reference IS UNIQUE;
CREATE CONSTRAINT report_message_id IF NOT EXISTS FOR (n:ReportMessage) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT custody_event_id IF NOT EXISTS FOR (n:CustodyEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT screening_id IF NOT EXISTS FOR (n:Screening) REQUIRE n.id IS UNIQUE;
CREATE INDEX report_received IF NOT EXISTS FOR (n:Report) ON (n.receivedAt);
CREATE INDEX transmission_status IF NOT EXISTS FOR (n:Transmission) ON (n.status);
CREATE CONSTRAINT counter_name IF NOT EXISTS FOR (n:Counter) REQUIRE n.name IS UNIQUE;
