// Starting n8n (installing the runtime on a new machine) and a whole editor session take minutes.
jest.setTimeout(20 * 60 * 1000);
