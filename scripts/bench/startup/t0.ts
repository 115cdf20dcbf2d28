// Evaluated first (the entry imports it before anything else): the time before the schema modules.
(globalThis as { __startupT0?: number }).__startupT0 = Date.now();
