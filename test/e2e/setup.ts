// Starting n8n, installing the runtime on a new machine and 100-delivery bursts take minutes.
jest.setTimeout(20 * 60 * 1000);
