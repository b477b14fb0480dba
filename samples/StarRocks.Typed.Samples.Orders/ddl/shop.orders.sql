CREATE TABLE IF NOT EXISTS `shop`.`orders` (
  `order_id` BIGINT NOT NULL,
  `order_date` DATETIME NOT NULL,
  `customer_id` BIGINT NOT NULL,
  `status` VARCHAR(96) NOT NULL,
  `amount` DECIMAL(18,2) NOT NULL,
  `discount` DECIMAL(18,2) NULL,
  `currency` CHAR(9) NOT NULL,
  `item_count` INT NOT NULL,
  `weight` DOUBLE NULL,
  `shipping_city` VARCHAR(600) NULL,
  `shipped_at` DATETIME NULL,
  `note` STRING NULL COMMENT "Free text entered by the customer"
)
PRIMARY KEY(`order_id`, `order_date`)
COMMENT "Orders, one row per order"
PARTITION BY date_trunc('day', order_date)
DISTRIBUTED BY HASH(`order_id`) BUCKETS 8
ORDER BY(`customer_id`)
PROPERTIES (
  "replication_num" = "1"
);
