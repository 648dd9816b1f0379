// The shape of the ids the database hands out: an id that does not have it names nothing, so
// lookups answer NOT_FOUND without asking PostgreSQL (which would refuse to cast it).
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
