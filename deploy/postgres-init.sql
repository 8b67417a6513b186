-- docker-compose.yml: the official postgres image creates role `den` and database `den`
-- (application); this adds Rasa's tracker store database, as scripts/run_prod.sh does locally.
CREATE DATABASE den_tracker OWNER den;
