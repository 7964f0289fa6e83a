/**
 * Lets a worker module's promise chains run to their next wait in a unit test that drives it through a fake global
 * scope (a read or fetch answered → its body read → the message posted → the next one started): the microtasks, then
 * one macrotask.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
