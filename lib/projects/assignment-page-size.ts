// How many projects the assignments page lists at a time; its own module so the journeys
// (e2e/assignments.spec.ts) can read it without loading the database layer.
export const ASSIGNMENT_PAGE_SIZE = 50;
