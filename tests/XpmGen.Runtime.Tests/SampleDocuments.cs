namespace XpmGen.Runtime.Tests;

/// <summary>Payload elements modelled on the examples in Xero's XPM 3.1 documentation, with its known defects fixed.</summary>
internal static class SampleDocuments
{
    public const string ClientSummary = """
        <Client>
          <UUID>9e023415-b173-4375-b8d5-4220b5a6b294</UUID>
          <Name>A. Dutchess</Name>
          <Title />
          <Email>someone@example.com</Email>
          <DateOfBirth>1970-11-26T00:00:00</DateOfBirth>
          <Address />
          <PostalAddress>P O Box 123</PostalAddress>
          <PostalCity>Wellington</PostalCity>
          <Phone />
          <Fax />
          <IsArchived>No</IsArchived>
          <IsDeleted>No</IsDeleted>
          <Contacts />
          <BillingClient>
            <UUID>f8235e1a-d383-48b7-9139-ba97ab8ca889</UUID>
            <Name>Billing Client</Name>
          </BillingClient>
          <SomethingXeroAddedLater>ignored</SomethingXeroAddedLater>
        </Client>
        """;

    public const string ClientDetail = """
        <Client>
          <UUID>f8235e1a-d383-48b7-9139-ba97ab8ca889</UUID>
          <Name>Acmer Pty Ltd</Name>
          <Email>someone@example.com</Email>
          <DateOfBirth>1970-11-26</DateOfBirth>
          <Address />
          <PostalAddress>
             Level 32, PWC Building
             188 Quay Street
             Auckland Central
          </PostalAddress>
          <PostalCity>Auckland</PostalCity>
          <PostalPostCode>1001</PostalPostCode>
          <Phone>(02) 1723 5265</Phone>
          <Fax />
          <Website />
          <AccountManager>
            <UUID>dc48df15-1a5c-4675-9d82-4ca54e2c6e86</UUID>
            <Name>Jo Blogs</Name>
          </AccountManager>
          <Type>
            <Name>20th of Month</Name>
            <CostMarkup>30.00</CostMarkup>
            <PaymentTerm>DayOfMonth</PaymentTerm>
            <PaymentDay>20</PaymentDay>
          </Type>
          <Contacts>
            <Contact>
              <UUID>dd92bcf4-4227-447a-a0d9-81984609aa5e</UUID>
              <Name>Wyett E Coyote</Name>
              <Salutation />
              <Addressee />
              <Mobile />
              <Email />
              <Phone />
              <IsDeleted>No</IsDeleted>
              <IsPrimary>Yes</IsPrimary>
              <Position />
            </Contact>
          </Contacts>
          <Notes>
            <Note>
              <Title>note title</Title>
              <Text>subject of the note</Text>
              <Folder />
              <Date>2008-09-12T13:00:00</Date>
              <CreatedBy>Jo Bloggs</CreatedBy>
            </Note>
          </Notes>
          <BillingClient>
            <UUID>f8235e1a-d383-48b7-9139-ba97ab8ca889</UUID>
            <Name>Billing Client</Name>
          </BillingClient>
          <JobManager>
            <UUID>98466a19-16df-4ded-b657-0a80ef9a2094</UUID>
            <Name>John Smith</Name>
          </JobManager>
          <FirstName />
          <TaxNumber>******123</TaxNumber>
          <BusinessStructure />
          <PrepareGST />
          <GSTRegistered>Yes</GSTRegistered>
          <Groups>
            <Group>
              <UUID>0dd913a9-6c7b-4060-ac4b-6ff7b41bd233</UUID>
              <Name>Bloggs Family</Name>
            </Group>
          </Groups>
          <Relationships>
            <Relationship>
              <UUID>1d44f4b8-094f-4b91-a73e-b00b83593f71</UUID>
              <Type>Shareholder</Type>
              <RelatedClient>
                <UUID>7b57ae35-244b-4ded-b237-b3ea8a222dd2</UUID>
                <Name>Bloggs Ltd</Name>
              </RelatedClient>
              <NumberOfShares>1000</NumberOfShares>
              <Percentage>0</Percentage>
              <StartDate>2011-01-01</StartDate>
              <EndDate>2013-03-31</EndDate>
            </Relationship>
          </Relationships>
        </Client>
        """;

    public const string JobSummary = """
        <Job>
          <ID>J000159</ID>
          <Name>Brochure Design</Name>
          <Description />
          <State>Planned</State>
          <ClientOrderNumber />
          <StartDate>2007-09-15T00:00:00</StartDate>
          <DueDate>2007-09-22T00:00:00</DueDate>
          <CompletedDate>2007-09-22T00:00:00</CompletedDate>
          <Client>
            <UUID>ffefa0e3-d454-4a1b-8811-b07df638f95e</UUID>
            <Name>A C Smith Limited</Name>
          </Client>
          <Assigned>
            <Staff>
              <UUID>1f8a7853-148d-4f74-ada0-d8eaf6ae87d3</UUID>
              <Name>Jo Bloggs</Name>
            </Staff>
          </Assigned>
        </Job>
        """;

    public const string JobDetail = """
        <Job>
          <ID>J000309</ID>
          <UUID>0d3458b8-6fde-4389-8dbb-0a85804466ad</UUID>
          <Name>job name</Name>
          <Description>description of job</Description>
          <State>Planned</State>
          <ClientOrderNumber />
          <Budget>55.00</Budget>
          <Type>Website Development</Type>
          <StartDate>2008-08-29T00:00:00</StartDate>
          <DueDate>2008-09-29T00:00:00</DueDate>
          <Client>
            <UUID>210acbff-4dca-4524-a956-ad9ea5d6dbf1</UUID>
            <Name>The Health Company</Name>
          </Client>
          <Manager>
            <UUID>a1981f48-dc1b-456a-925b-918fa099fd42</UUID>
            <Name>John Smith</Name>
          </Manager>
          <Assigned>
            <Staff>
              <UUID>af6f1a4a-3929-41ef-b344-68765c9d4db7</UUID>
              <Name>Jo Bloggs</Name>
            </Staff>
          </Assigned>
          <Tasks>
            <Task>
              <UUID>5a4d2b7e-6f1c-4e8a-9b3d-2c1f0e9d8a7b</UUID>
              <TaskUUID>f4f62087-e131-4089-be4e-28ba8b6bd3e1</TaskUUID>
              <Name>Creative Direction</Name>
              <Description />
              <EstimatedMinutes>180</EstimatedMinutes>
              <ActualMinutes>100</ActualMinutes>
              <Completed>false</Completed>
              <Billable>true</Billable>
              <Folder />
              <StartDate>2008-08-29T00:00:00</StartDate>
              <DueDate>2008-09-29T00:00:00</DueDate>
              <Assigned>
                <Staff>
                  <UUID>68ae87b9-8268-4fe0-a65d-c0e2ddb3d9a5</UUID>
                  <Name>Jo Blogs</Name>
                  <AllocatedMinutes>180</AllocatedMinutes>
                </Staff>
              </Assigned>
            </Task>
            <Task>
              <UUID>df824169-20a6-4e4e-a261-d106d0543452</UUID>
              <TaskUUID>58fc352f-e65b-4c07-8ce5-47386583201f</TaskUUID>
              <Name>Design &amp; Layout</Name>
              <Description />
              <EstimatedMinutes>120</EstimatedMinutes>
              <ActualMinutes>180</ActualMinutes>
              <Completed>false</Completed>
              <Billable>true</Billable>
              <Folder />
            </Task>
          </Tasks>
          <Milestones>
            <Milestone>
              <UUID>f252ae9b-da45-43a4-8fd2-cba0e4a79cb5</UUID>
              <Date>2008-09-24T00:00:00</Date>
              <Description>do something by then</Description>
              <Completed>false</Completed>
              <Folder />
            </Milestone>
          </Milestones>
          <Notes>
            <Note>
              <UUID>bdcb3407-9ef5-4dd0-8a1b-0710af0342f1</UUID>
              <Title>note title</Title>
              <Text>subject of the note</Text>
              <Folder />
              <Date>2008-09-12T13:00:00</Date>
              <CreatedBy>Jo Bloggs</CreatedBy>
              <Comments>
                <Comment>
                  <UUID>128d63fe-f494-47fb-a815-e2ecbbc7aa0d</UUID>
                  <Text>example comment</Text>
                  <Date>2008-09-12T14:00:00</Date>
                  <CreatedBy>John Smith</CreatedBy>
                </Comment>
              </Comments>
            </Note>
          </Notes>
        </Job>
        """;

    public const string Staff = """
        <Staff>
          <UUID>f8235e1a-d383-48b7-9139-ba97ab8ca889</UUID>
          <Name>Jo Bloggs</Name>
          <Email>jo@bloggs.net</Email>
          <Phone />
          <Mobile />
          <Address />
          <PayrollCode />
        </Staff>
        """;

    public const string Time = """
        <Time>
          <UUID>f8235e1a-d383-48b7-9139-ba97ab8ca889</UUID>
          <Job>
            <ID>J000001</ID>
            <Name>Brochure Template</Name>
          </Job>
          <Task>
            <UUID>faabafbe-1a8c-4172-b4a5-d989dda44ab5</UUID>
            <Name>Design &amp; Layout</Name>
          </Task>
          <Staff>
            <UUID>c2014300-12a3-4d98-9b83-0ff84ae1c72b</UUID>
            <Name>Chris Spence </Name>
          </Staff>
          <Date>2008-10-29T00:00:00</Date>
          <Minutes>240</Minutes>
          <Note />
          <Billable>true</Billable>
          <Start>13:00</Start>
          <End>17:00</End>
          <InvoiceTaskUUID />
        </Time>
        """;

    public const string Category = """
        <Category>
          <UUID>f8235e1a-d383-48b7-9139-ba97ab8ca889</UUID>
          <Name>Design</Name>
        </Category>
        """;

    public const string JobAdd = """
        <Job>
          <Name>Brochure Design</Name>
          <Description>Detailed description of the job</Description>
          <ClientUUID>dea92ac7-d536-402d-9447-7875020499be</ClientUUID>
          <ContactUUID>17c83eef-993c-4aa6-a980-9cfbd054702b</ContactUUID>
          <StartDate>20091023</StartDate>
          <DueDate>20091028</DueDate>
          <ClientNumber>client order number</ClientNumber>
          <ID>ABC123</ID>
          <TemplateUUID>3f863a3b-87ce-4ccb-a112-98a068a3a159</TemplateUUID>
          <CategoryUUID />
          <Budget>55.00</Budget>
        </Job>
        """;
}
