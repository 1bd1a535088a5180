import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, EDUZZ_CREDENTIAL_TYPE } from '../shared/transport';
import { searchCourses, searchProducts, searchSchools } from './listSearch';
import { accountProperties, accountResources } from './resources/account';
import { alpaclassProperties, alpaclassResources } from './resources/alpaclass';
import { blinketProperties, blinketResources } from './resources/blinket';
import { heycampProperties, heycampResources } from './resources/heycamp';
import { myeduzzProperties, myeduzzResources } from './resources/myeduzz';
import { nutrorProperties, nutrorResources } from './resources/nutror';
import { safevideoProperties, safevideoResources } from './resources/safevideo';
import { sunProperties, sunResources } from './resources/sun';
import { webhookProperties, webhookResources } from './resources/webhook';

const resources: INodePropertyOptions[] = [
	...accountResources,
	...alpaclassResources,
	...blinketResources,
	...heycampResources,
	...myeduzzResources,
	...nutrorResources,
	...safevideoResources,
	...sunResources,
	...webhookResources,
];

const resourceProperties: INodeProperties[] = [
	...accountProperties,
	...alpaclassProperties,
	...blinketProperties,
	...heycampProperties,
	...myeduzzProperties,
	...nutrorProperties,
	...safevideoProperties,
	...sunProperties,
	...webhookProperties,
];

export class Eduzz implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eduzz',
		name: 'eduzz',
		icon: { light: 'file:eduzz.svg', dark: 'file:eduzz.dark.svg' },
		group: ['transform'],
		version: 1,
		// In the pickers' words, e.g. "AlpaClass Enrollment: Get Many", not the values ("getAll:
		// alpaclassEnrollment"); test/unit/eduzzOperations.test.js checks it lists every operation.
		subtitle:
			'={{ ({"account:get":"Account: Get","alpaclassDelivery:get":"AlpaClass Delivery: Get","alpaclassDelivery:getCourses":"AlpaClass Delivery: Get Courses","alpaclassDelivery:getAll":"AlpaClass Delivery: Get Many","alpaclassEnrollment:getAll":"AlpaClass Enrollment: Get Many","alpaclassSchool:getAll":"AlpaClass School: Get Many","alpaclassStudent:create":"AlpaClass Student: Create","alpaclassStudent:getAll":"AlpaClass Student: Get Many","blinketAttendanceTag:assign":"Blinket Attendance Tag: Assign to Attendees","blinketAttendanceTag:create":"Blinket Attendance Tag: Create","blinketAttendanceTag:delete":"Blinket Attendance Tag: Delete","blinketAttendanceTag:getAttendeeIds":"Blinket Attendance Tag: Get Attendee IDs","blinketAttendanceTag:getAll":"Blinket Attendance Tag: Get Many","blinketAttendanceTag:unassign":"Blinket Attendance Tag: Remove From Attendees","blinketAttendanceTag:update":"Blinket Attendance Tag: Update","blinketAttendee:checkIn":"Blinket Attendee: Check In","blinketAttendee:create":"Blinket Attendee: Create","blinketAttendee:getAll":"Blinket Attendee: Get Many","blinketAttendee:resendTicket":"Blinket Attendee: Resend Ticket Email","blinketAttendee:update":"Blinket Attendee: Update","blinketEvent:get":"Blinket Event: Get","blinketEvent:getAll":"Blinket Event: Get Many","heycampInvitation:create":"HeyCamp Invitation: Create","heycampInvitation:getAll":"HeyCamp Invitation: Get Many","heycampMember:delete":"HeyCamp Member: Delete","heycampMember:deleteMany":"HeyCamp Member: Delete Many","heycampMember:get":"HeyCamp Member: Get","heycampMember:getCommenters":"HeyCamp Member: Get Commenters","heycampMember:getLikers":"HeyCamp Member: Get Likers","heycampMember:getAll":"HeyCamp Member: Get Many","heycampMember:update":"HeyCamp Member: Update","heycampPost:get":"HeyCamp Post: Get","heycampPost:getCommentTotal":"HeyCamp Post: Get Comment Total","heycampPost:getComments":"HeyCamp Post: Get Comments","heycampPost:getAll":"HeyCamp Post: Get Many","heycampPost:getMostCommented":"HeyCamp Post: Get Most Commented","heycampPost:getMostLiked":"HeyCamp Post: Get Most Liked","heycampSpace:getAll":"HeyCamp Space: Get Many","myeduzzAffiliate:getAll":"MyEduzz Affiliate: Get Many","myeduzzAffiliateFiscalDocument:getAll":"MyEduzz Affiliate Fiscal Document: Get Many","myeduzzAffiliateFiscalDocument:updateStatus":"MyEduzz Affiliate Fiscal Document: Update Status","myeduzzBuyerFiscalDocument:getAll":"MyEduzz Buyer Fiscal Document: Get Many","myeduzzBuyerFiscalDocument:updateStatus":"MyEduzz Buyer Fiscal Document: Update Status","myeduzzCoupon:getAll":"MyEduzz Coupon: Get Many","myeduzzCustomer:get":"MyEduzz Customer: Get","myeduzzCustomer:getAll":"MyEduzz Customer: Get Many","myeduzzFinancialStatement:getAll":"MyEduzz Financial Statement: Get Many","myeduzzProduct:get":"MyEduzz Product: Get","myeduzzProduct:getCampaigns":"MyEduzz Product: Get Campaigns","myeduzzProduct:getAll":"MyEduzz Product: Get Many","myeduzzProduct:getOffers":"MyEduzz Product: Get Offers","myeduzzProduct:getPartners":"MyEduzz Product: Get Partners","myeduzzSale:get":"MyEduzz Sale: Get","myeduzzSale:getChargebacks":"MyEduzz Sale: Get Chargebacks","myeduzzSale:getAll":"MyEduzz Sale: Get Many","myeduzzSale:getSummary":"MyEduzz Sale: Get Summary","myeduzzSubscription:cancel":"MyEduzz Subscription: Cancel","myeduzzSubscription:changeDueDay":"MyEduzz Subscription: Change Due Day","myeduzzSubscription:get":"MyEduzz Subscription: Get","myeduzzSubscription:getByCustomer":"MyEduzz Subscription: Get by Customer","myeduzzSubscription:getInvoices":"MyEduzz Subscription: Get Invoices","myeduzzSubscription:getAll":"MyEduzz Subscription: Get Many","myeduzzSubscription:reactivate":"MyEduzz Subscription: Reactivate","myeduzzSubscription:sendCardChangeEmail":"MyEduzz Subscription: Send Card Change Email","myeduzzTransfer:getAll":"MyEduzz Transfer: Get Many","nutrorComment:delete":"Nutror Comment: Delete","nutrorComment:get":"Nutror Comment: Get","nutrorComment:getAll":"Nutror Comment: Get Many","nutrorComment:update":"Nutror Comment: Update","nutrorCommentAnswer:create":"Nutror Comment Answer: Create","nutrorCommentAnswer:delete":"Nutror Comment Answer: Delete","nutrorCommentAnswer:getAll":"Nutror Comment Answer: Get Many","nutrorCourse:delete":"Nutror Course: Delete","nutrorCourse:get":"Nutror Course: Get","nutrorCourse:getAll":"Nutror Course: Get Many","nutrorCourse:update":"Nutror Course: Update","nutrorCourse:updateAdvanced":"Nutror Course: Update Advanced Settings","nutrorCourse:updateCustomization":"Nutror Course: Update Customization","nutrorEnrollment:block":"Nutror Enrollment: Block","nutrorEnrollment:delete":"Nutror Enrollment: Delete","nutrorEnrollment:extendAccess":"Nutror Enrollment: Extend Access","nutrorEnrollment:getAll":"Nutror Enrollment: Get Many","nutrorEnrollment:releaseModules":"Nutror Enrollment: Release Modules","nutrorModule:delete":"Nutror Module: Delete","nutrorModule:get":"Nutror Module: Get","nutrorModule:getAll":"Nutror Module: Get Many","nutrorModule:update":"Nutror Module: Update","nutrorStudent:delete":"Nutror Student: Delete","nutrorStudent:get":"Nutror Student: Get","nutrorStudent:getAll":"Nutror Student: Get Many","safevideoMedia:delete":"SafeVideo Media: Delete","safevideoMedia:get":"SafeVideo Media: Get","safevideoMedia:getEmbed":"SafeVideo Media: Get Embed Code","safevideoMedia:getAll":"SafeVideo Media: Get Many","safevideoMedia:removeDomains":"SafeVideo Media: Remove Allowed Domains","safevideoMedia:setDomains":"SafeVideo Media: Set Allowed Domains","safevideoMedia:update":"SafeVideo Media: Update","sunCart:create":"Sun Cart: Create","webhookConfiguration:create":"Webhook Configuration: Create","webhookConfiguration:delete":"Webhook Configuration: Delete","webhookConfiguration:getAll":"Webhook Configuration: Get Many","webhookConfiguration:sendTest":"Webhook Configuration: Send Test Event","webhookConfiguration:setStatus":"Webhook Configuration: Set Status","webhookConfiguration:update":"Webhook Configuration: Update","webhookOrigin:getEventSample":"Webhook Origin: Get Event Sample","webhookOrigin:getAll":"Webhook Origin: Get Many","webhookSecret:get":"Webhook Secret: Get"})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Use Eduzz's API: AlpaClass, MyEduzz, Nutror, Blinket, SafeVideo, HeyCamp, Sun and webhook configurations",
		defaults: { name: 'Eduzz' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EDUZZ_CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources,
				default: 'alpaclassStudent',
			},
			...resourceProperties,
		],
	};

	methods = {
		listSearch: { searchCourses, searchProducts, searchSchools },
	};
}
