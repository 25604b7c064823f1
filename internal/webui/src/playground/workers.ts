// Monaco runs its language services in web workers. The build bundles each
// worker as its own hashed file and the page names them in data attributes,
// so they load from the server like every other asset.

type WorkerURLs = {
  workerEditor?: string;
  workerJson?: string;
  workerGraphql?: string;
};

export function setupWorkers(urls: WorkerURLs): void {
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_id: string, label: string): Worker {
      const url = label === 'json' ? urls.workerJson : label === 'graphql' ? urls.workerGraphql : urls.workerEditor;
      if (!url) throw new Error(`no worker for ${label}`);
      return new Worker(url, { name: label });
    },
  };
}
