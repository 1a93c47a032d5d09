-- Per-credential request limits of the POS API set by the administrator (pos-api.md §7.3): requests per second
-- for one platform key, or for the register key of one register (kept on the register, so that it survives
-- rotation). NULL: the installation's OPENTSS_RATE_LIMIT_POS_PER_SECOND; 0: no limit.
ALTER TABLE platform_api_key ADD COLUMN rate_limit_per_second INTEGER;
ALTER TABLE pos_register ADD COLUMN rate_limit_per_second INTEGER;
