import { connectDocker } from './docker.js';
import { BUILD_LABEL, HOLDER_LABEL, JOB_LABEL } from './settings.js';

/** Force-removes every container carrying `label` ('name=value'); ones already gone are not an error. */
export async function removeContainers(label: string): Promise<number> {
  const { docker } = await connectDocker();
  const found = await docker.listContainers({ all: true, filters: { label: [label] } }).catch(() => []);
  await Promise.all(
    found.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => {}),
    ),
  );
  return found.length;
}

/**
 * Removes the images (and every intermediate layer) of the submission built during one run: they all carry its
 * build label, newest first so a layer goes after the layers built on it.
 */
export async function removeBuildImages(holderId: string): Promise<void> {
  const { docker } = await connectDocker();
  const images = await docker
    .listImages({ all: true, filters: { label: [`${BUILD_LABEL}=${holderId}`] } })
    .catch(() => []);
  images.sort((a, b) => b.Created - a.Created);
  for (const image of images) {
    await docker
      .getImage(image.Id)
      .remove({ force: true, noprune: false })
      .catch(() => {});
  }
}

/** A batch job's leftovers (its grader was killed): every run whose holder carries the job's label. */
export async function removeJobLeftovers(jobMarker: string): Promise<number> {
  const { docker } = await connectDocker();
  const holders = await docker
    .listContainers({ all: true, filters: { label: [`${JOB_LABEL}=${jobMarker}`] } })
    .catch(() => []);
  for (const holder of holders) await removeRunLeftovers(holder.Id);
  return holders.length;
}

/** Everything one outer run created, proxies first (they use the holder's network), then the holder, then images. */
export async function removeRunLeftovers(holderId: string): Promise<void> {
  await removeContainers(`${HOLDER_LABEL}=${holderId}`);
  const { docker } = await connectDocker();
  await docker
    .getContainer(holderId)
    .remove({ force: true, v: true })
    .catch(() => {});
  await removeBuildImages(holderId);
  // a proxy container the child grader was creating as it was stopped may have appeared meanwhile
  await removeContainers(`${HOLDER_LABEL}=${holderId}`);
}
