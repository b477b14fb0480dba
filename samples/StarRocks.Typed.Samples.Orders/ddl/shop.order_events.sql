CREATE TABLE IF NOT EXISTS `shop`.`order_events` (
  `occurred_at` DATETIME NOT NULL,
  `order_id` BIGINT NOT NULL,
  `kind` VARCHAR(9) NOT NULL,
  `correlation_id` VARCHAR(36) NULL,
  `tags` ARRAY<STRING> NULL,
  `payload` JSON NULL
)
DUPLICATE KEY(`occurred_at`, `order_id`)
PARTITION BY date_trunc('day', occurred_at)
DISTRIBUTED BY RANDOM
PROPERTIES (
  "replication_num" = "1"
);
