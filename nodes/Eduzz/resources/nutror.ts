import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const nutrorResources: INodePropertyOptions[] = [];

export const nutrorProperties: INodeProperties[] = [];
