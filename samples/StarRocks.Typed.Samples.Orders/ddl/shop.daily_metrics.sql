CREATE TABLE IF NOT EXISTS `shop`.`daily_metrics` (
  `day` DATE NOT NULL,
  `city` VARCHAR(600) NOT NULL,
  `orders` BIGINT SUM NOT NULL,
  `revenue` DECIMAL(20,2) SUM NOT NULL,
  `largest_order` DECIMAL(18,2) MAX NOT NULL,
  `last_order_at` DATETIME REPLACE NOT NULL
)
AGGREGATE KEY(`day`, `city`)
DISTRIBUTED BY HASH(`day`, `city`)
PROPERTIES (
  "replication_num" = "1"
);
