package io.pacewatch.domain;

/**
 * Where a region sits in the administrative hierarchy. Ranks compare regions of one level under one
 * parent only: a district is never ranked against a city.
 */
public enum RegionLevel {
    DISTRICT,
    CITY,
    PROVINCE,
    NATION
}
