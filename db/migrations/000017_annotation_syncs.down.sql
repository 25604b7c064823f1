DROP TABLE annotation_syncs;
