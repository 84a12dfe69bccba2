// Statistics seek the period's first records by date instead of normalising every record of the nation and
// filtering afterwards (graph/statistics/repository.py puts the period into each measure's first WHERE).
CREATE INDEX referral_created IF NOT EXISTS FOR (n:Referral) ON (n.createdAt);
CREATE INDEX transmission_sent IF NOT EXISTS FOR (n:Transmission) ON (n.sentAt);
