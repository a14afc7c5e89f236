-- Leadership of the controller among several servers. One row per lease (today only
-- 'controller'). A server leads while it holds the row; it renews by bumping `version`. A standby
-- takes the row over only after it has seen the same version for a whole lease on its own clock,
-- so no clock has to agree with another. `term` grows with every new holder: it is the fencing
-- token every controller write and publication carries, and a write of an older term is refused.
CREATE TABLE leader_lease (
    name        VARCHAR(64)  NOT NULL,
    -- the server that holds the lease; '' when released or never taken
    holder      VARCHAR(128) NOT NULL,
    term        BIGINT       NOT NULL,
    version     BIGINT       NOT NULL,
    -- where the holder's control API answers, so standbys can send clients there
    advertise   VARCHAR(512) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO leader_lease (name, holder, term, version, advertise) VALUES ('controller', '', 0, 0, '');
