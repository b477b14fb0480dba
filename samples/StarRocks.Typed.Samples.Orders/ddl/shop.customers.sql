CREATE TABLE IF NOT EXISTS `shop`.`customers` (
  `customer_id` BIGINT NOT NULL,
  `name` VARCHAR(300) NOT NULL,
  `city` VARCHAR(600) NULL,
  `tier` VARCHAR(48) NOT NULL,
  `since` DATE NOT NULL
)
PRIMARY KEY(`customer_id`)
DISTRIBUTED BY HASH(`customer_id`)
PROPERTIES (
  "replication_num" = "1"
);
